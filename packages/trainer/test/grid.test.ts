import { createRng, Matrix } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  expandCells,
  jacobianSingularValues,
  parseExperiment,
  runExperiment,
  runIdentity,
  spectrumMetrics,
  type ExperimentConfig,
  type ExperimentResults,
  type Job,
  type JobOutput,
  type RunDone,
  type RunStore,
} from '../src/index.js';
import { blobs } from './helpers.js';

/** 2 × 3 cells × 2 seeds of 2-4-3 nets on blobs, 20 steps each: a grid that runs in well under a second. */
const GRID: ExperimentConfig = {
  name: 'tiny-grid',
  dataset: { name: 'blobs', samples: 300, classes: 3, features: 2, seed: 1 },
  base: {
    hiddenSizes: [4],
    activation: 'tanh',
    initializer: { name: 'normal', std: 0.5 },
    optimizer: { name: 'sgd', lr: 0.1 },
    batchSize: 16,
    iterations: 20,
    evaluation: { every: 20 },
  },
  grid: {
    axes: [
      { name: 'std', setting: 'initializer.std', values: [0.5, 1] },
      { name: 'depth', setting: 'depth', values: [1, 2, 3] },
    ],
  },
  seeds: [0, 1],
};

/** The issues of parsing `config`, one `path: message` per line. */
function issuesOf(config: unknown): string {
  try {
    parseExperiment(config);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map(({ path, message }) => `${path}: ${message}`).join('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** A store in memory, keyed by the run identity, that counts what it was asked to save. */
function memoryStore(): RunStore & { saved: number; outputs: Map<string, JobOutput> } {
  const outputs = new Map<string, JobOutput>();
  return {
    saved: 0,
    outputs,
    async load(job: Job) {
      // Through JSON, as from a file.
      const text = outputs.get(runIdentity(job));
      return text === undefined ? undefined : (JSON.parse(JSON.stringify(text)) as JobOutput);
    },
    async save(job: Job, output: JobOutput) {
      this.saved++;
      outputs.set(runIdentity(job), output);
    },
  };
}

function withoutDate(results: ExperimentResults) {
  return { ...results, environment: { ...results.environment, date: '' } };
}

describe('grid cells', () => {
  it('are every combination × seeds, the first axis slowest and seeds innermost', () => {
    const cells = expandCells(GRID);
    expect(cells.map((cell) => [cell.index, cell.label, cell.seed])).toEqual([
      [0, 'std=0.5, depth=1', 0],
      [1, 'std=0.5, depth=1', 1],
      [2, 'std=0.5, depth=2', 0],
      [3, 'std=0.5, depth=2', 1],
      [4, 'std=0.5, depth=3', 0],
      [5, 'std=0.5, depth=3', 1],
      [6, 'std=1, depth=1', 0],
      [7, 'std=1, depth=1', 1],
      [8, 'std=1, depth=2', 0],
      [9, 'std=1, depth=2', 1],
      [10, 'std=1, depth=3', 0],
      [11, 'std=1, depth=3', 1],
    ]);
    expect(cells[9].coordinates).toEqual({ std: 1, depth: 2 });
    expect(cells[9].settings).toMatchObject({ hiddenSizes: [4, 4], initializer: { name: 'normal', std: 1 } });
  });

  it('turn a bare name into { name, param } and merge labelled bundles', () => {
    const config: ExperimentConfig = {
      ...GRID,
      base: { ...GRID.base, initializer: 'normal', optimizer: 'sgd' },
      grid: {
        axes: [
          { name: 'lr', setting: 'optimizer.lr', values: [0.5] },
          { name: 'config', values: [{ label: 'relu-he', activation: 'relu', initializer: 'he' }] },
        ],
      },
    };
    const [cell] = expandCells(config);
    expect(cell.coordinates).toEqual({ lr: 0.5, config: 'relu-he' });
    expect(cell.settings).toMatchObject({ optimizer: { name: 'sgd', lr: 0.5 }, activation: 'relu', initializer: 'he' });
  });

  it("give a Jacobian's depth L one more layer (the first, from the inputs)", () => {
    const config: ExperimentConfig = {
      ...GRID,
      kind: 'jacobian',
      grid: { axes: [{ name: 'depth', setting: 'depth', values: [3] }] },
    };
    expect(expandCells(config)[0].settings.hiddenSizes).toEqual([4, 4, 4, 4]);
  });
});

describe('grid config errors', () => {
  const axes = (axis: object) => ({ ...GRID, grid: { axes: [axis] } });

  it('name the axis, the setting that does not exist and the closest that does', () => {
    expect(issuesOf(axes({ name: 'lr', setting: 'optimizr.lr', values: [0.1] }))).toBe(
      "grid.axes[0].setting: axis 'lr': unknown setting 'optimizr.lr' — did you mean 'optimizer'?",
    );
    expect(issuesOf(axes({ name: 's', setting: 'initializer.sdt', values: [1] }))).toMatch(
      /^grid\.axes\[0\]\.values\[0\]: axis 's' \(setting 'initializer\.sdt'\) = 1: .*unknown parameter 'sdt'/,
    );
    expect(issuesOf(axes({ name: 'e', setting: 'evaluation.evry', values: [5] }))).toMatch(
      /unknown field 'evry' — did you mean 'every'/,
    );
  });

  it('reject an empty axis, no axes, both runs and grid, and duplicate names', () => {
    expect(issuesOf(axes({ name: 'depth', setting: 'depth', values: [] }))).toMatch(
      /^grid\.axes\[0\]\.values: .*empty axis/,
    );
    expect(issuesOf({ ...GRID, grid: { axes: [] } })).toMatch(/^grid\.axes: expected a non-empty list of axes/);
    expect(issuesOf({ ...GRID, runs: [{ label: 'a' }] })).toBe('grid: give either runs or grid, not both');
    const twice = { name: 'depth', setting: 'depth', values: [1] };
    expect(issuesOf({ ...GRID, grid: { axes: [twice, twice] } })).toBe(
      "grid.axes[1].name: duplicate axis name 'depth'",
    );
  });
});

describe('running a grid', () => {
  it('gives every cell in order, the same on one thread and in workers, with no runs kept', async () => {
    const dataset = blobs();
    const here = await runExperiment(GRID, { workers: 1, dataset });
    const pooled = await runExperiment(GRID, { workers: 2, dataset });
    expect(here.cells!.map((cell) => cell.index)).toEqual([...Array(12).keys()]);
    expect(here.runs).toEqual([]);
    expect(here.cells![3]).toMatchObject({ coordinates: { std: 0.5, depth: 2 }, seed: 1, status: 'done' });
    for (const cell of here.cells!) {
      expect(Object.keys(cell.metrics)).toEqual(['trainAccuracy', 'testAccuracy', 'finalLoss']);
      expect(cell.metrics.trainAccuracy).toBeGreaterThan(0);
    }
    expect(pooled.cells).toEqual(here.cells);
  });

  it('saves each run in the store, and a second call computes none of them', async () => {
    const dataset = blobs();
    const store = memoryStore();
    const first = await runExperiment(GRID, { workers: 2, dataset, store });
    expect(store.saved).toBe(12);
    const reports: RunDone[] = [];
    const again = await runExperiment(GRID, { workers: 2, dataset, store, onRunDone: (done) => reports.push(done) });
    expect(store.saved).toBe(12);
    expect(reports.every((report) => report.stored)).toBe(true);
    expect(reports.map((report) => report.done)).toEqual([...Array(12).keys()].map((i) => i + 1));
    expect(withoutDate(again).cells).toEqual(withoutDate(first).cells);
  });

  it('runs shard k of n: the cells whose index ≡ k − 1 (mod n); the shards together are the grid', async () => {
    const dataset = blobs();
    const whole = await runExperiment(GRID, { workers: 1, dataset });
    const shards = [];
    for (const index of [1, 2, 3])
      shards.push(await runExperiment(GRID, { workers: 1, dataset, shard: { index, count: 3 } }));
    expect(shards[1].cells!.map((cell) => cell.index)).toEqual([1, 4, 7, 10]);
    const merged = shards.flatMap((shard) => shard.cells!).sort((a, b) => a.index - b.index);
    expect(merged).toEqual(whole.cells);
  });

  it('reports what no store holds as interrupted when computing nothing', async () => {
    const results = await runExperiment(GRID, { workers: 1, dataset: blobs(), store: memoryStore(), storedOnly: true });
    expect(
      results.cells!.every((cell) => cell.status === 'interrupted' && Object.keys(cell.metrics).length === 0),
    ).toBe(true);
  });

  it("measures a 'jacobian' cell's spectrum without training, as jacobianSingularValues does", async () => {
    const dataset = blobs();
    const config: ExperimentConfig = {
      name: 'tiny-jacobian',
      kind: 'jacobian',
      dataset: { name: 'blobs', samples: 300, classes: 3, features: 2, seed: 1 },
      base: { hiddenSizes: [6], activation: 'tanh', initializer: 'xavier', jacobian: { samples: 5 } },
      grid: { axes: [{ name: 'depth', setting: 'depth', values: [2, 4] }] },
      seeds: [3],
    };
    const results = await runExperiment(config, { workers: 1, dataset });
    const inputs = Matrix.zeros(5, 2);
    dataset.train.range(0, 5, inputs.data);
    const values = jacobianSingularValues({
      depth: 4,
      width: 6,
      activation: 'tanh',
      initializer: 'xavier',
      inputs,
      rng: createRng(3),
    });
    expect(results.cells![1]).toMatchObject({
      coordinates: { depth: 4 },
      status: 'done',
      metrics: { ...spectrumMetrics(values) },
    });
    expect(results.cells![1].histogram!.counts.reduce((a, b) => a + b, 0) + results.cells![1].histogram!.below!).toBe(
      30,
    );
  });
});
