import { Worker } from 'node:worker_threads';
import { setBackend } from '@initlab/tensor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runExperiment, type Evaluation, type ExperimentConfig, type ExperimentResults } from '../src/index.js';
import { SMALL_EXPERIMENT, blobs, withoutTiming } from './helpers.js';

// Worker runs use the worker entry built into dist/ (run `pnpm build` first; `pnpm test` does).
const workerUrl = new URL('../dist/worker.js', import.meta.url);

/** Two runs × one seed of 2-8-3 nets, evaluated every 10 of 30 iterations: quick on any backend. */
const TINY: ExperimentConfig = {
  ...SMALL_EXPERIMENT,
  base: { ...SMALL_EXPERIMENT.base, hiddenSizes: [8], iterations: 30, evaluation: { every: 10 } },
  runs: SMALL_EXPERIMENT.runs!.slice(0, 2),
  seeds: [0],
};

/** Evaluations grouped by run, in the order they arrived. */
function byRun(evaluations: Evaluation[]): Map<number, Evaluation[]> {
  const runs = new Map<number, Evaluation[]>();
  for (const evaluation of evaluations)
    runs.set(evaluation.runIndex, [...(runs.get(evaluation.runIndex) ?? []), evaluation]);
  return runs;
}

function expectOneEvaluationPerPoint(evaluations: Evaluation[], results: ExperimentResults): void {
  const runs = byRun(evaluations);
  expect([...runs.keys()].sort()).toEqual(results.runs.map((_, index) => index));
  results.runs.forEach((run, index) => {
    const received = runs.get(index)!;
    expect(received.map((evaluation) => evaluation.eval)).toEqual(run.evals);
    expect(received.map((evaluation) => evaluation.snapshot)).toEqual(run.snapshots);
    for (const evaluation of received)
      expect(evaluation).toMatchObject({ label: run.label, experiment: run.experiment, seed: run.seed });
  });
}

afterEach(async () => {
  vi.unstubAllGlobals();
  await setBackend('cpu');
});

describe('runExperiment options', () => {
  it('runs every worker on the backend asked for and reports its name', async () => {
    const cpu = await runExperiment(TINY, { workers: 2, backend: 'cpu' });
    expect(cpu.environment).toMatchObject({ backend: 'cpu', workers: 2 });
    expect(cpu.runs.map((run) => run.backend)).toEqual(['cpu', 'cpu']);

    // The calling thread stays on cpu: only the workers can have made the name.
    const gpujs = await runExperiment(TINY, { workers: 2, backend: 'gpujs' });
    expect(gpujs.environment.backend).toBe('gpujs:webasm');
    expect(gpujs.runs.map((run) => run.backend)).toEqual(['gpujs:webasm', 'gpujs:webasm']);
    for (const [index, run] of gpujs.runs.entries()) {
      const reference = cpu.runs[index].loss;
      const worst = Math.max(...run.loss.map((loss, i) => Math.abs(loss - reference[i]) / reference[i]));
      expect(worst, 'largest relative loss difference, gpujs:webasm vs cpu').toBeLessThan(1e-4);
    }
  });

  it('sets the backend on the calling thread when the jobs run there', async () => {
    const results = await runExperiment({ ...TINY, runs: TINY.runs!.slice(0, 1) }, { workers: 1, backend: 'gpujs' });
    expect(results.environment).toMatchObject({ backend: 'gpujs:webasm', workers: 1 });
    expect(results.runs[0].backend).toBe('gpujs:webasm');
  });

  it('calls onEvaluation once per evaluation point, from workers and on the calling thread', async () => {
    const fromWorkers: Evaluation[] = [];
    const inWorkers = await runExperiment(TINY, {
      workers: 2,
      onEvaluation: (evaluation) => fromWorkers.push(evaluation),
    });
    expectOneEvaluationPerPoint(fromWorkers, inWorkers);
    expect(
      fromWorkers.filter((evaluation) => evaluation.runIndex === 0).map((evaluation) => evaluation.eval.iteration),
    ).toEqual([0, 10, 20, 30]);

    const here: Evaluation[] = [];
    const inProcess = await runExperiment(TINY, { workers: 1, onEvaluation: (evaluation) => here.push(evaluation) });
    expectOneEvaluationPerPoint(here, inProcess);
    expect(here).toEqual(fromWorkers.sort((a, b) => a.runIndex - b.runIndex));
  });

  it('copies the dataset into each worker where there is no SharedArrayBuffer, with identical results', async () => {
    const dataset = blobs();
    const serial = await runExperiment(SMALL_EXPERIMENT, { workers: 1, dataset });
    // A page that is not cross-origin isolated has no SharedArrayBuffer; the workers still start.
    vi.stubGlobal('SharedArrayBuffer', undefined);
    const copied = await runExperiment(SMALL_EXPERIMENT, { workers: 2, dataset });
    expect(copied.environment.workers).toBe(2);
    expect(copied.runs.map(withoutTiming)).toEqual(serial.runs.map(withoutTiming));
  });

  it('stops workers by message where there is no SharedArrayBuffer, keeping what they recorded', async () => {
    vi.stubGlobal('SharedArrayBuffer', undefined);
    const controller = new AbortController();
    const endless: ExperimentConfig = {
      ...TINY,
      base: { ...TINY.base, iterations: 10_000_000 },
      runs: TINY.runs!.slice(0, 1),
      seeds: [0, 1],
    };
    // Stop once both runs have trained 200 iterations: aborting at the first would race the second worker's start.
    const trained = new Set<number>();
    const results = await runExperiment(endless, {
      workers: 2,
      dataset: blobs(),
      signal: controller.signal,
      onProgress: (report) => {
        if (report.iteration >= 200) trained.add(report.seed);
        if (trained.size === 2) controller.abort();
      },
    });
    for (const run of results.runs) {
      expect(run.status).toBe('interrupted');
      expect(run.iterations).toBeGreaterThan(0);
      expect(run.loss).toHaveLength(run.iterations);
    }
  });

  it('starts a worker for a single job with inProcess: false', async () => {
    let started = 0;
    const single: ExperimentConfig = { ...TINY, runs: TINY.runs!.slice(0, 1) };
    const createWorker = () => {
      started++;
      return new Worker(workerUrl);
    };
    const inProcess = await runExperiment(single, { createWorker });
    expect(started).toBe(0);
    const inWorker = await runExperiment(single, { createWorker, inProcess: false });
    expect(started).toBe(1);
    expect(inWorker.runs.map(withoutTiming)).toEqual(inProcess.runs.map(withoutTiming));
    expect(inWorker.environment.workers).toBe(1);
  });

  it('runs every job on the calling thread with inProcess: true', async () => {
    let started = 0;
    const createWorker = () => {
      started++;
      return new Worker(workerUrl);
    };
    const results = await runExperiment(TINY, { workers: 2, inProcess: true, createWorker });
    expect(started).toBe(0);
    expect(results.environment.workers).toBe(1);
  });

  it('rejects with the reason when a worker cannot set up its backend', async () => {
    const running = runExperiment(TINY, { workers: 2, backend: 'nonsense' as never });
    await expect(running).rejects.toThrow(/worker setup failed: unknown backend 'nonsense'/);
  });
});
