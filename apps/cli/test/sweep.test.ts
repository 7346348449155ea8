import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResults } from '@initlab/trainer';
import { BIN, initlab } from './run-cli.js';

/*
 * Sweeps as separate processes of the built command: killed and resumed, run as three shards and merged, and the
 * bad input each of them can meet. Grids of tiny nets on blobs keep each process to a second or two.
 */

const ONE = ['--workers', '1', '--threads', '1'];

const temp = () => mkdtempSync(join(tmpdir(), 'initlab-sweep-'));

/** A 2 × 3 grid (one seed) of 2-4-3 tanh nets on blobs; `iterations` sets how long each cell trains. */
function gridFile(dir: string, iterations: number, name = 'tiny-grid'): string {
  const config = {
    name,
    dataset: { name: 'blobs', samples: 300, classes: 3, features: 2, seed: 1 },
    base: {
      hiddenSizes: [4],
      activation: 'tanh',
      initializer: { name: 'normal', std: 0.5 },
      optimizer: { name: 'sgd', lr: 0.1 },
      batchSize: 16,
      iterations,
      evaluation: { every: iterations },
    },
    grid: {
      axes: [
        { name: 'std', setting: 'initializer.std', values: [0.5, 2] },
        { name: 'depth', setting: 'depth', values: [1, 2, 3] },
      ],
    },
    seeds: [0],
  };
  const path = join(dir, `${name}-${iterations}.json`);
  writeFileSync(path, JSON.stringify(config));
  return path;
}

/** results.json without what may differ between equal sweeps: the date it was written. */
function resultsOf(out: string): ExperimentResults {
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ExperimentResults;
  return { ...results, environment: { ...results.environment, date: '' } };
}

const runFiles = (out: string) => readdirSync(join(out, 'runs')).filter((name) => name.endsWith('.json'));
/** Lines of a computed cell in the progress (`[3/6] std=0.5, depth=3 seed 0: done …`). */
const computedLines = (stderr: string) =>
  stderr.split('\n').filter((line) => /^\[\d+\/\d+\] .* seed \d+: (done|diverged)/.test(line));

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error('build the CLI first: pnpm --filter @initlab/cli build');
});

describe('a sweep killed with SIGKILL and resumed', () => {
  it('ends with the results of an uninterrupted sweep, computing no run twice', async () => {
    const dir = temp();
    const config = gridFile(dir, 1500);
    const killed = join(dir, 'killed');
    const first = await initlab(['run', config, '--out', killed, ...ONE], (stderr, child) => {
      if (computedLines(stderr).length >= 2) child.kill('SIGKILL');
    });
    expect(first.code, first.stderr).toBe(-1);
    expect(existsSync(join(killed, 'results.json'))).toBe(false);
    const kept = runFiles(killed);
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.length).toBeLessThan(6);
    const times = new Map(kept.map((name) => [name, statSync(join(killed, 'runs', name)).mtimeMs]));

    const resumed = await initlab(['run', config, '--out', killed, '--resume', ...ONE]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`[${kept.length}/6] ${kept.length} already in the output folder: not run again`);
    expect(computedLines(resumed.stderr)).toHaveLength(6 - kept.length);
    expect(runFiles(killed)).toHaveLength(6);
    for (const [name, time] of times) expect(statSync(join(killed, 'runs', name)).mtimeMs).toBe(time);

    const whole = join(dir, 'whole');
    const uninterrupted = await initlab(['run', config, '--out', whole, ...ONE]);
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
    expect(computedLines(uninterrupted.stderr)).toHaveLength(6);
    expect(resultsOf(killed)).toEqual(resultsOf(whole));
    expect(resultsOf(whole).cells!.map((cell) => cell.status)).toEqual(new Array(6).fill('done'));
  }, 120_000);
});

describe('resume without a grid', () => {
  it('skips the runs × seeds already saved (diverged ones too), and writes the same results.json', async () => {
    const dir = temp();
    const config = join(dir, 'runs.json');
    const grid = JSON.parse(readFileSync(gridFile(dir, 50), 'utf8'));
    const { grid: _grid, ...experiment } = grid;
    const runs = [
      { label: 'narrow', initializer: { name: 'normal', std: 0.5 } },
      { label: 'wide', initializer: { name: 'normal', std: 2 } },
      {
        label: 'diverges',
        activation: 'relu',
        initializer: { name: 'normal', std: 10 },
        optimizer: { name: 'sgd', lr: 1e6 },
      },
    ];
    writeFileSync(config, JSON.stringify({ ...experiment, runs, seeds: [0, 1] }));
    const out = join(dir, 'out');
    const first = await initlab(['run', config, '--out', out, ...ONE]);
    expect(first.code, first.stderr).toBe(0);
    expect(computedLines(first.stderr)).toHaveLength(6);
    const before = resultsOf(out);
    const again = await initlab(['run', config, '--out', out, '--resume', ...ONE]);
    expect(again.code, again.stderr).toBe(0);
    expect(computedLines(again.stderr)).toHaveLength(0);
    expect(again.stderr).toContain('[6/6] 6 already in the output folder: not run again');
    const results = resultsOf(out);
    expect(results).toEqual(before);
    expect(results.runs.map((run) => `${run.label} ${run.seed} ${run.status}`)).toEqual([
      'narrow 0 done',
      'narrow 1 done',
      'wide 0 done',
      'wide 1 done',
      'diverges 0 diverged',
      'diverges 1 diverged',
    ]);
    expect(results.cells).toBeUndefined();
  }, 60_000);
});

describe('shards', () => {
  it('three shard processes merged equal the unsharded sweep; a missing part is named, exit 4', async () => {
    const dir = temp();
    const config = gridFile(dir, 100);
    const parts = [1, 2, 3].map((k) => join(dir, `part-${k}`));
    const runs = await Promise.all(
      parts.map((part, k) => initlab(['run', config, '--out', part, '--shard', `${k + 1}/3`, ...ONE])),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect(resultsOf(parts[1]).cells!.map((cell) => cell.index)).toEqual([1, 4]);

    const merged = join(dir, 'merged');
    const merge = await initlab(['merge', merged, ...parts]);
    expect(merge.code, merge.stderr).toBe(0);
    const whole = join(dir, 'whole');
    expect((await initlab(['run', config, '--out', whole, ...ONE])).code).toBe(0);
    expect(resultsOf(merged)).toEqual(resultsOf(whole));
    expect(existsSync(join(merged, 'report.html'))).toBe(true);

    const partial = await initlab(['merge', join(dir, 'partial'), parts[0], parts[2]]);
    expect(partial.code).toBe(4);
    expect(partial.stderr).toContain('2 of 6 cells are in no part');
    expect(partial.stderr).toContain('#1 std=0.5, depth=2 seed 0');
    expect(partial.stderr).toContain('#4 std=2, depth=2 seed 0');
  }, 120_000);
});

describe('bad input: exit 2, nothing written or overwritten', () => {
  it('refuses --shard 0/3 and 4/3', async () => {
    const dir = temp();
    const config = gridFile(dir, 10);
    for (const shard of ['0/3', '4/3']) {
      const { code, stderr } = await initlab(['run', config, '--out', join(dir, 'out'), '--shard', shard, ...ONE]);
      expect(code).toBe(2);
      expect(stderr).toContain(`--shard must be k/n with 1 ≤ k ≤ n`);
    }
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('refuses an axis over a setting that does not exist, and an empty axis', async () => {
    const dir = temp();
    const config = JSON.parse(readFileSync(gridFile(dir, 10), 'utf8'));
    config.grid.axes[1].setting = 'dpth';
    writeFileSync(join(dir, 'unknown.json'), JSON.stringify(config));
    const unknown = await initlab(['run', join(dir, 'unknown.json'), '--out', join(dir, 'out'), ...ONE]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      "grid.axes[1].setting: axis 'depth': unknown setting 'dpth' — did you mean 'depth'?",
    );
    config.grid.axes[1] = { name: 'depth', setting: 'depth', values: [] };
    writeFileSync(join(dir, 'empty.json'), JSON.stringify(config));
    const empty = await initlab(['run', join(dir, 'empty.json'), '--out', join(dir, 'out'), ...ONE]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('grid.axes[1].values: expected a non-empty list of values, got []');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('refuses to merge parts of different sweeps, and --resume on the folder of another experiment', async () => {
    const dir = temp();
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    expect((await initlab(['run', gridFile(dir, 10), '--out', a, '--shard', '1/2', ...ONE])).code).toBe(0);
    expect((await initlab(['run', gridFile(dir, 20), '--out', b, '--shard', '2/2', ...ONE])).code).toBe(0);
    const merge = await initlab(['merge', join(dir, 'merged'), a, b]);
    expect(merge.code).toBe(2);
    expect(merge.stderr).toContain('are parts of different sweeps');
    expect(existsSync(join(dir, 'merged'))).toBe(false);

    const before = readFileSync(join(a, 'sweep.json'), 'utf8');
    const files = runFiles(a);
    const other = await initlab(['run', gridFile(dir, 10, 'another'), '--out', a, '--resume', ...ONE]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("holds the runs of 'tiny-grid', not of this 'another'");
    expect(readFileSync(join(a, 'sweep.json'), 'utf8')).toBe(before);
    expect(runFiles(a)).toEqual(files);
  }, 60_000);
});
