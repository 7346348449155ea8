import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResults } from '@initlab/trainer';
import { BIN, initlab } from './run-cli.js';

let dir: string;
let resultsFile: string;

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error('build the CLI first: pnpm --filter @initlab/cli build');
  dir = mkdtempSync(join(tmpdir(), 'initlab-check-'));
  // book-histogram trains nothing (one forward pass per run), so its claims can be checked in a test.
  const { code, stdout, stderr } = await initlab([
    'run',
    'book-histogram',
    '--seeds',
    '0,1',
    '--check',
    '--out',
    dir,
    '--workers',
    '2',
  ]);
  expect(code, stderr).toBe(0);
  expect(stdout).not.toContain('claims that failed');
  resultsFile = join(dir, 'results.json');
}, 120_000);

function results(): ExperimentResults {
  return JSON.parse(readFileSync(resultsFile, 'utf8')) as ExperimentResults;
}

function writeResults(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('initlab run --check', () => {
  it('records checks[] beside runs[] and aggregates[] in results.json', () => {
    const { checks } = results();
    expect(checks!.map((check) => check.id)).toContain('relu-he-keeps-layers-alike');
    for (const check of checks!) {
      expect(check).toMatchObject({ experiment: 'book-histogram', verdict: 'holds' });
      expect(check.seeds.map((seed) => seed.seed)).toEqual([0, 1]);
      expect(Object.keys(check.seeds[0].values).length).toBeGreaterThan(0);
    }
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('holds in 2 of 2 seeds');
  });
});

describe('initlab run --check on a mislabelled config', () => {
  it('exits 3 and prints the failed claims when a run labelled He is initialised with Xavier', async () => {
    const config = {
      name: 'book-histogram',
      kind: 'histogram',
      base: {
        hiddenSizes: [100, 100, 100, 100, 100],
        histogram: { samples: 1000, inputSize: 100, bins: 30, range: [0, 1] },
      },
      runs: [{ label: 'ReLU + He', activation: 'relu', initializer: 'xavier' }],
      seeds: [0],
    };
    const out = join(dir, 'mislabelled');
    const { code, stdout, stderr } = await initlab([
      'run',
      writeResults('mislabelled-config.json', config),
      '--check',
      '--out',
      out,
      '--workers',
      '1',
    ]);
    expect(code, stderr).toBe(3);
    expect(stdout).toMatch(/claims that failed:\n✗ book-histogram relu-he-keeps-layers-alike: fails in 1 of 1 seed/);
    // The claims whose runs are missing are not applicable, and not printed as failures.
    expect(stdout).not.toContain('sigmoid-large-saturates');
    expect(
      JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).checks.find(
        (check: { id: string }) => check.id === 'sigmoid-large-saturates',
      ).verdict,
    ).toBe('n/a');
  });
});

describe('initlab check', () => {
  it('exits 0 when every claim holds, printing each with its total', async () => {
    const { code, stdout } = await initlab(['check', resultsFile]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /✓ book-histogram relu-he-keeps-layers-alike: holds in 2 of 2 seeds — With ReLU, He keeps every layer alike/,
    );
  });

  it('exits 3 on a tampered file (He’s and Xavier’s labels swapped), naming the failed claims and their numbers', async () => {
    const tampered = results();
    for (const run of tampered.runs) {
      if (run.label === 'ReLU + He') run.label = 'ReLU + Xavier';
      else if (run.label === 'ReLU + Xavier') run.label = 'ReLU + He';
    }
    const { code, stdout } = await initlab(['check', writeResults('tampered.json', tampered)]);
    expect(code).toBe(3);
    expect(stdout).toMatch(/✗ book-histogram relu-he-keeps-layers-alike: fails in 2 of 2 seeds/);
    expect(stdout).toMatch(/the data showed: seed 0: std, layer 1 \(He\) = /);
    expect(stdout).toContain(
      "note: the file records book-histogram relu-he-keeps-layers-alike as 'holds'; its runs give 'fails'",
    );
  });

  it('exits 0 with nothing to check when the runs a claim needs are missing (n/a)', async () => {
    const partial = results();
    partial.runs = partial.runs.filter((run) => run.label === 'tanh + Xavier');
    const { code, stdout } = await initlab(['check', writeResults('partial.json', partial)]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/– book-histogram relu-he-keeps-layers-alike: not applicable/);
  });

  it('exits 2 with a clear message on a missing, broken or foreign file', async () => {
    const missing = await initlab(['check', join(dir, 'nothing.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/results file '.*nothing\.json' does not exist/);
    const broken = await initlab(['check', writeResults('broken.json', '{"runs": [')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/is not valid JSON/);
    const foreign = await initlab(['check', writeResults('foreign.json', { runs: [{ label: 'He' }] })]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/is not an initlab results file: runs\[0\]\.experiment is not a string/);
  });
});

describe('initlab list presets', () => {
  it('shows each preset’s claims under it', async () => {
    const { code, stdout } = await initlab(['list', 'presets']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/seed-he .*\n.*claim he-loss-lowest-at-300: He \+ ReLU/);
    expect(stdout).toMatch(/claim small-std-does-not-learn: .*σ = 0\.01 does not learn at all/);
    // A grid preset's claims over its cells too.
    expect(stdout).toMatch(/jacobian-spectrum .*\n.*claim orthogonal-stays-tight: /);
    expect(stdout).toMatch(/edge-of-chaos .*\n(.*\n)*.*claim chance-far-above-6xi: /);
  });
});
