import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  RESULTS_SCHEMA_VERSION,
  TrainerError,
  getPreset,
  runExperiment,
  runGroup,
  withOverrides,
  type ExperimentConfig,
  type Progress,
} from '../src/index.js';
import { SMALL_EXPERIMENT, blobs, withoutTiming } from './helpers.js';

// Worker runs use the worker entry built into dist/ (run `pnpm build` first; `pnpm test` does).
describe('runExperiment', () => {
  it('gives bit-identical results serially and in 2 workers, in config order', async () => {
    const progress: Progress[] = [];
    const serial = await runExperiment(SMALL_EXPERIMENT, { workers: 1 });
    const parallel = await runExperiment(SMALL_EXPERIMENT, {
      workers: 2,
      onProgress: (report) => progress.push(report),
    });
    expect(parallel.runs.map(withoutTiming)).toEqual(serial.runs.map(withoutTiming));
    expect(parallel.aggregates).toEqual(serial.aggregates);
    expect(serial.runs.map((run) => `${run.label}/${run.seed}`)).toEqual([
      'He/0',
      'He/1',
      'Xavier/0',
      'Xavier/1',
      'std=0.01/0',
      'std=0.01/1',
    ]);
    expect(parallel.environment).toMatchObject({ workers: 2, backend: 'cpu' });
    expect(serial.environment.workers).toBe(1);
    expect(parallel.schemaVersion).toBe(RESULTS_SCHEMA_VERSION);
    expect(new Set(progress.map((report) => report.runIndex))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    const last = progress.filter((report) => report.runIndex === 5).pop()!;
    expect(last).toMatchObject({ label: 'std=0.01', experiment: 'small', seed: 1, iteration: 120, iterations: 120 });
  });

  it('gives a run still going the core of a worker whose jobs ran out', async () => {
    // Two short runs, then a long one: the worker that ran the second is idle while the third trains, and
    // its core takes the third's second halves once its helper has started (a fraction of a second).
    const config: ExperimentConfig = {
      name: 'spare',
      dataset: { name: 'blobs', samples: 2000, classes: 4, features: 200 },
      kind: 'train',
      base: {
        hiddenSizes: [256, 256],
        activation: 'relu',
        initializer: 'he',
        optimizer: { name: 'sgd', lr: 0.01 },
        batchSize: 64,
        evaluation: { every: 400 },
      },
      runs: [
        { label: 'short', iterations: 10 },
        { label: 'short too', iterations: 10 },
        { label: 'long', iterations: 800 },
      ],
      seeds: [0],
    };
    const results = await runExperiment(config, { workers: 2, threads: 1 });
    expect(results.runs.map((run) => run.status)).toEqual(['done', 'done', 'done']);
    const long = results.runs[2];
    expect(long.helperSteps).toBeGreaterThan(0);
    expect(long.helperSteps).toBeLessThan(800);
  });

  it('aggregates each label across seeds', async () => {
    const results = await runExperiment(SMALL_EXPERIMENT, { workers: 1 });
    expect(results.aggregates.map((aggregate) => aggregate.label)).toEqual(['He', 'Xavier', 'std=0.01']);
    const [he] = results.aggregates;
    const [a, b] = results.runs;
    expect(he.seeds).toEqual([0, 1]);
    expect(he.loss.x).toHaveLength(120);
    expect(he.loss.mean[7]).toBeCloseTo((a.loss[7] + b.loss[7]) / 2, 12);
    expect(he.loss.std[7]).toBeCloseTo(Math.abs(a.loss[7] - b.loss[7]) / 2, 12);
    expect(he.testAccuracy.x).toEqual(a.evals.map((point) => point.iteration));
    const finals = [a, b].map((run) => run.evals[run.evals.length - 1].testAccuracy);
    expect(he.finalTestAccuracy.min).toBe(Math.min(...finals));
    expect(he.finalTestAccuracy.max).toBe(Math.max(...finals));
  });

  it('loads plugin modules in every worker', async () => {
    const config: ExperimentConfig = {
      ...SMALL_EXPERIMENT,
      runs: [{ label: 'plugin', initializer: 'halfHe' }],
      seeds: [0, 1],
    };
    const plugin = new URL('./fixtures/plugin-initializer.mjs', import.meta.url).href;
    const results = await runExperiment(config, { workers: 2, pluginModules: [plugin], dataset: blobs() });
    expect(results.runs.map((run) => [run.status, run.initializer.name])).toEqual([
      ['done', 'halfHe'],
      ['done', 'halfHe'],
    ]);
  });

  it('keeps finished runs and marks the rest interrupted on abort', async () => {
    const controller = new AbortController();
    let shortFinished = false;
    const config: ExperimentConfig = {
      ...SMALL_EXPERIMENT,
      runs: [
        { label: 'short', initializer: 'he', iterations: 20 },
        { label: 'endless', initializer: 'he', iterations: 10_000_000 },
        { label: 'also endless', initializer: 'he', iterations: 10_000_000 },
        { label: 'never', initializer: 'he' },
      ],
      seeds: [0],
    };
    const results = await runExperiment(config, {
      workers: 2,
      signal: controller.signal,
      onProgress: (report) => {
        if (report.label === 'short' && report.iteration === 20) shortFinished = true;
        if (shortFinished && report.label === 'endless' && report.iteration >= 200) controller.abort();
      },
    });
    // Two workers: one takes 'short' then 'also endless', the other 'endless'; 'never' is never started.
    const [short, endless, alsoEndless, never] = results.runs;
    expect(short).toMatchObject({ status: 'done', iterations: 20 });
    expect(endless.status).toBe('interrupted');
    expect(endless.iterations).toBeGreaterThanOrEqual(200);
    expect(endless.loss).toHaveLength(endless.iterations);
    expect(alsoEndless.status).toBe('interrupted');
    expect(never).toMatchObject({ label: 'never', status: 'interrupted', iterations: 0, loss: [] });
  });

  it('reports every run interrupted when aborted while the workers start', async () => {
    const controller = new AbortController();
    const running = runExperiment(SMALL_EXPERIMENT, { workers: 2, signal: controller.signal });
    setTimeout(() => controller.abort(), 0);
    const results = await running;
    expect(results.runs).toHaveLength(6);
    for (const run of results.runs) expect(run.status).toBe('interrupted');
  });

  it('rejects with a TrainerError when a worker cannot start', async () => {
    const missing = new URL('./fixtures/no-such-worker.mjs', import.meta.url);
    const running = runExperiment(SMALL_EXPERIMENT, { workers: 2, createWorker: () => new Worker(missing) });
    await expect(running).rejects.toThrow(TrainerError);
    await expect(running).rejects.toThrow(/worker failed/);
  });

  it('runs a group: each run keeps its experiment, the results are named after the group', async () => {
    const histogram = withOverrides(getPreset('book-histogram') as ExperimentConfig, { seeds: [0] });
    const small = { ...SMALL_EXPERIMENT, seeds: [0] };
    const results = await runGroup('mixed', [small, histogram], { workers: 1 });
    expect(results.experiment).toBe('mixed');
    expect(results.runs.map((run) => run.experiment)).toEqual([
      ...Array(3).fill('small'),
      ...Array(7).fill('book-histogram'),
    ]);
    expect(results.aggregates.map((aggregate) => aggregate.experiment)).toEqual(['small', 'small', 'small']);
  });
});
