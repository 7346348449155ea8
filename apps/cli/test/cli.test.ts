import { listInitializers } from '@initlab/initializers';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResults } from '@initlab/trainer';
import { BIN, initlab } from './run-cli.js';

/** Two workers, one seed: the presets' own seeds (0, 1, 2) would triple each run. */
const FAST = ['--workers', '2', '--seeds', '0'];

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'initlab-cli-'));
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error('build the CLI first: pnpm --filter @initlab/cli build');
});

describe('initlab run', () => {
  it('prints results JSON that follows the schema with --json, and writes the report files', async () => {
    const out = tempDir();
    const { code, stdout, stderr } = await initlab([
      'run',
      'seed-he',
      '--iterations',
      '50',
      '--json',
      '--out',
      out,
      ...FAST,
    ]);
    expect(code, stderr).toBe(0);
    const results = JSON.parse(stdout) as ExperimentResults;
    expect(results.schemaVersion).toBe(1);
    expect(results.experiment).toBe('seed-he');
    expect(results.runs.map((run) => run.label)).toEqual(['param=0.1 + sigmoid', 'Xavier + sigmoid', 'He + ReLU']);
    for (const run of results.runs) {
      expect(run).toMatchObject({ experiment: 'seed-he', seed: 0, status: 'done', iterations: 50 });
      expect(run.loss).toHaveLength(50);
      expect(run.loss.every((value) => Number.isFinite(value) && value > 0)).toBe(true);
      expect(run.evals.map((point) => point.iteration)).toEqual([0, 50]);
      for (const point of run.evals) {
        expect(point.trainAccuracy).toBeGreaterThanOrEqual(0);
        expect(point.testAccuracy).toBeLessThanOrEqual(1);
      }
      expect(run.layers).toHaveLength(1);
      expect(run.layers[0].histogram.edges).toHaveLength(run.layers[0].histogram.counts.length + 1);
      expect(run.snapshots.map((snapshot) => snapshot.iteration)).toEqual([0, 50]);
      expect(typeof run.initializer.name).toBe('string');
    }
    expect(results.runs.find((run) => run.label === 'He + ReLU')!.activation).toBe('relu');
    expect(results.aggregates.map((aggregate) => aggregate.label)).toHaveLength(3);
    expect(results.environment).toMatchObject({ workers: 2 });
    expect(readdirSync(out)).toEqual(
      expect.arrayContaining([
        'results.json',
        'runs.csv',
        'report.html',
        'loss.png',
        'loss.svg',
        'accuracy.png',
        'histograms.png',
      ]),
    );
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))).toEqual(results);
  });

  it('uses an initializer registered by --plugin in --initializers, in results.json and report.html', async () => {
    const dir = tempDir();
    // The plugin imports the same @initlab/initializers the command uses (a real project would import it by name).
    const initializers = pathToFileURL(
      realpathSync(fileURLToPath(new URL('../node_modules/@initlab/initializers/dist/index.js', import.meta.url))),
    );
    const plugin = join(dir, 'tiny.mjs');
    writeFileSync(
      plugin,
      `import { registerInitializer } from '${initializers.href}';
registerInitializer({
  name: 'tinyGaussian',
  description: 'normal with σ = 0.05 / √(fanIn / 100)',
  params: {},
  init({ fanIn, rng }, _params, out) {
    const std = 0.05 / Math.sqrt(fanIn / 100);
    for (let i = 0; i < out.length; i++) out[i] = std * rng.nextGaussian();
  },
});
`,
    );
    const out = join(dir, 'out');
    const { code, stderr } = await initlab([
      'run',
      'seed-xavier',
      '--seeds',
      '0',
      '--plugin',
      plugin,
      '--initializers',
      'xavier,tinyGaussian',
      '--iterations',
      '20',
      '--out',
      out,
      ...FAST,
    ]);
    expect(code, stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ExperimentResults;
    expect(results.runs.map((run) => run.initializer.name)).toEqual(['xavier', 'tinyGaussian']);
    expect(results.runs[1].status).toBe('done');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('tinyGaussian');
  });

  it('shares a single run over --threads and records them in the results', async () => {
    const out = tempDir();
    const args = ['run', 'book-compare', '--initializers', 'he', '--iterations', '15', '--seeds', '0', '--json'];
    args.push('--out', out);
    const two = await initlab([...args, '--threads', '2']);
    expect(two.code, two.stderr).toBe(0);
    const one = await initlab([...args, '--threads', '1', '--out', tempDir()]);
    const [threaded, single] = [two, one].map((outcome) => JSON.parse(outcome.stdout) as ExperimentResults);
    expect(threaded.environment).toMatchObject({ workers: 1, threads: 2 });
    expect(single.environment).toMatchObject({ workers: 1, threads: 1 });
    expect(threaded.runs[0].loss).toEqual(single.runs[0].loss);
  });

  it('runs a preset over its own seeds when --seeds is not given', async () => {
    const args = ['run', 'book-compare', '--initializers', 'he', '--iterations', '5', '--json', '--out', tempDir()];
    const { code, stdout, stderr } = await initlab(args);
    expect(code, stderr).toBe(0);
    const results = JSON.parse(stdout) as ExperimentResults;
    expect(results.runs.map((run) => run.seed)).toEqual([0, 1, 2]);
  });

  it('stops cleanly on SIGINT: valid results.json with interrupted runs, a report, exit 130', async () => {
    const out = tempDir();
    let sent = false;
    const { code, stderr } = await initlab(
      ['run', 'seed-scale', '--iterations', '200000', '--out', out, ...FAST],
      (text, child) => {
        if (!sent && /\d+\/200000 it/.test(text)) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    );
    expect(code, stderr).toBe(130);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ExperimentResults;
    expect(results.runs).toHaveLength(4);
    expect(results.runs.every((run) => run.status === 'interrupted')).toBe(true);
    expect(results.runs.some((run) => run.iterations > 0)).toBe(true);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('exit codes', () => {
  it('exits 2 with the closest names for an unknown preset', async () => {
    const { code, stderr } = await initlab(['run', 'seed-hee']);
    expect(code).toBe(2);
    expect(stderr).toContain("'seed-he'");
  });

  it('exits 2 with a suggestion for an unknown initializer', async () => {
    const { code, stderr } = await initlab(['run', 'seed-xavier', '--initializers', 'xaviar,he']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown initializer 'xaviar'.*'xavier'/);
  });

  it('exits 2 listing every bad field of a config file by its JSON path', async () => {
    const dir = tempDir();
    const config = join(dir, 'bad.json');
    writeFileSync(
      config,
      JSON.stringify({
        name: 'bad',
        base: { hiddenSizes: [50], activation: 'sigmoid', optimizer: 'sgd', batchSize: -1, iterations: 10 },
        runs: [
          { label: 'a', initializer: 'xaviar' },
          { label: 'b', initializer: 'he', activation: 'relux' },
        ],
        seeds: [0],
      }),
    );
    const { code, stderr } = await initlab(['run', config]);
    expect(code).toBe(2);
    for (const path of ['base.batchSize', 'runs[0].initializer', 'runs[1].activation']) expect(stderr).toContain(path);
  });

  it('exits 2 for a --threads count it cannot use', async () => {
    const { code, stderr } = await initlab(['run', 'seed-he', '--threads', 'many']);
    expect(code).toBe(2);
    expect(stderr).toContain("--threads must be 'auto' or a whole number from 1 to 16, got 'many'");
  });

  it('exits 2 for an unknown flag', async () => {
    const { code, stderr } = await initlab(['run', 'seed-he', '--itterations', '5']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--itterations'");
  });

  it('exits 1 for an output directory that cannot be written, before training', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-file'), '');
    const { code, stderr, stdout } = await initlab([
      'run',
      'seed-he',
      '--iterations',
      '5',
      '--out',
      join(dir, 'a-file', 'out'),
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('cannot write to the output directory');
    expect(stdout).toBe('');
  });

  it('exits 1 for a data directory holding a broken IDX file', async () => {
    const dir = tempDir();
    const data = join(dir, 'mnist');
    mkdirSync(data);
    for (const name of [
      'train-images-idx3-ubyte',
      'train-labels-idx1-ubyte',
      't10k-images-idx3-ubyte',
      't10k-labels-idx1-ubyte',
    ]) {
      writeFileSync(join(data, name), Buffer.from([0, 0, 8, 1, 0, 0, 0, 9, 1, 2]));
    }
    const { code, stderr } = await initlab([
      'run',
      'seed-he',
      '--iterations',
      '5',
      '--data',
      data,
      '--out',
      join(dir, 'out'),
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/idx/i);
  });
});

describe('initlab list', () => {
  it('names every registered initializer, and lists all four kinds without an argument', async () => {
    const { code, stdout } = await initlab(['list', 'initializers']);
    expect(code).toBe(0);
    for (const { name } of listInitializers()) expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    const all = await initlab(['list']);
    for (const heading of ['initializers:', 'optimizers:', 'presets:', 'activations:'])
      expect(all.stdout).toContain(heading);
    expect(all.stdout).toContain('seed-scale');
  });

  it('exits 2 for an unknown list', async () => {
    const { code, stderr } = await initlab(['list', 'initialisers']);
    expect(code).toBe(2);
    expect(stderr).toContain("'initializers'");
  });
});

describe('help and version', () => {
  it('prints help for every command and the version', async () => {
    for (const args of [['--help'], ['run', '--help'], ['list', '--help']]) {
      const { code, stdout } = await initlab(args);
      expect(code).toBe(0);
      expect(stdout).toContain('Usage: initlab');
    }
    const version = await initlab(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('initlab bench', () => {
  it('is no longer here: says where the suite runs and exits 2, whatever the flags', async () => {
    for (const args of [['bench'], ['bench', '--json'], ['bench', '--help'], ['bench', '--iterations', '50']]) {
      const { code, stdout, stderr } = await initlab(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('the benchmark suite runs from a clone of the repository: `pnpm bench`');
    }
    const help = await initlab(['--help']);
    expect(help.stdout).not.toMatch(/^\s+bench\b/m);
  });
});
