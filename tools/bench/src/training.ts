import type { Dataset } from '@initlab/datasets';
import { getBackend } from '@initlab/tensor';
import { parseRunConfig, TrainingRun, type RunConfig } from '@initlab/trainer';
import { BenchFailure } from './errors.js';
import { referenceArgs, referenceCommand, runReference } from './numpy.js';

/** A network whose training throughput the suite measures. */
export interface BenchNetwork {
  description: string;
  config: Omit<RunConfig, 'iterations'>;
}

/** The book's deep network of the initialization chapter (weight_init_compare.py with He + ReLU). */
export const BOOK_NETWORK: BenchNetwork = {
  description: '784-100-100-100-100-10, ReLU + He, batch 128, SGD lr 0.01',
  config: {
    hiddenSizes: [100, 100, 100, 100],
    activation: 'relu',
    initializer: 'he',
    optimizer: { name: 'sgd', lr: 0.01 },
    batchSize: 128,
  },
};

/** The article's network (seed-scale, seed-xavier) at σ = 0.1. */
export const SEED_NETWORK: BenchNetwork = {
  description: '784-50-10, sigmoid, normal σ = 0.1, batch 100, SGD lr 0.1',
  config: {
    hiddenSizes: [50],
    activation: 'sigmoid',
    initializer: { name: 'normal', std: 0.1 },
    optimizer: { name: 'sgd', lr: 0.1 },
    batchSize: 100,
  },
};

/** Untimed steps first, so the timed ones find the kernels compiled and the buffers warm. */
export const WARMUP_ITERATIONS = 20;

/** The NumPy reference on the same training, or why there is none. */
export type NumpyComparison =
  | { command: string; iterations: number; seconds: number; iterationsPerSecond: number; samplesPerSecond: number }
  | { note: string };

/** Training throughput of one network. */
export interface ThroughputResult {
  network: string;
  layers: number[];
  batchSize: number;
  backend: string;
  /** Threads the run computes on: with two or more, a helper thread takes the second half of each step's batch. */
  threads: number;
  /** Timed steps whose second half a helper thread computed (all of them where `threads` > 1 and it started). */
  helperSteps: number;
  /** Timed iterations (after the warm-up). */
  iterations: number;
  seconds: number;
  iterationsPerSecond: number;
  samplesPerSecond: number;
  numpy: NumpyComparison | null;
  /**
   * The book network only: initlab's samples/s over NumPy's in each round (the two timed back to back, so a drift in
   * the machine's speed reaches both), and their median: a steadier ratio than best against best.
   */
  roundRatios?: { ratios: number[]; median: number };
}

/**
 * Times `iterations` steps of one run through the trainer's `TrainingRun`: evaluation happens only before the first
 * step and after the last (untimed) one, so the clock sees batch draw, forward, loss, backward and update only. On
 * two threads or more it first waits (up to 10 s) for the run's helper thread, which a run starts in the background
 * and uses from its first step after it is ready: the steady state that all but a run's first fraction of a
 * second sees.
 */
export async function measureThroughput(
  network: BenchNetwork,
  dataset: Dataset,
  iterations: number,
): Promise<Omit<ThroughputResult, 'numpy'>> {
  const total = WARMUP_ITERATIONS + iterations + 1;
  const config: RunConfig = {
    ...network.config,
    iterations: total,
    seed: 0,
    evaluation: { every: total, trainSamples: 1000, statsSamples: 100 },
  };
  const run = new TrainingRun(parseRunConfig(config), dataset, { runIndex: 0, label: 'bench', experiment: 'bench' });
  await run.helperReady();
  for (let i = 0; i < WARMUP_ITERATIONS; i++) run.step();
  const helped = run.helperSteps;
  const start = performance.now();
  for (let i = 0; i < iterations; i++) run.step();
  const seconds = (performance.now() - start) / 1000;
  const helperSteps = run.helperSteps - helped;
  run.step();
  const result = run.result();
  if (result.status !== 'done') {
    throw new BenchFailure(
      `the ${network.description} run ${result.status} at iteration ${result.divergedAt ?? result.iterations}`,
    );
  }
  return {
    network: network.description,
    layers: [dataset.inputSize, ...network.config.hiddenSizes, dataset.numClasses],
    batchSize: network.config.batchSize,
    backend: getBackend().detail ?? getBackend().name,
    threads: getBackend().threads ?? 1,
    helperSteps,
    iterations,
    seconds,
    iterationsPerSecond: iterations / seconds,
    samplesPerSecond: (iterations * network.config.batchSize) / seconds,
  };
}

/** The NumPy reference trained the same way for `iterations` steps, or a note saying why not. */
export function numpyThroughput(
  network: BenchNetwork,
  iterations: number,
  script: string,
  dataDir: string,
): NumpyComparison {
  const expressed = referenceArgs(network.config);
  if ('reason' in expressed) return { note: `NumPy not compared: ${expressed.reason}` };
  const args = [...expressed.args, '--iters', String(iterations), '--seed', '0'];
  const timing = runReference(script, dataDir, args);
  return {
    command: referenceCommand(script, dataDir, args),
    iterations,
    seconds: timing.trainSeconds,
    iterationsPerSecond: timing.iterationsPerSecond,
    samplesPerSecond: timing.samplesPerSecond,
  };
}
