import { DatasetError } from '@initlab/datasets';
import { getBackend, setBackend, type BackendChoice } from '@initlab/tensor';
import { runExperiment, type ExperimentConfig } from '@initlab/trainer';
import { availableParallelism, cpus } from 'node:os';
import { resolve } from 'node:path';
import { ExitCode, RuntimeFailure } from './errors.js';
import type { Io } from './main.js';
import { VERSION } from './version.js';

/** The flags of `initlab bench`. */
export interface BenchOptions {
  json?: boolean;
  iterations: number;
  data?: string;
  backend: BackendChoice;
}

/** The book's deep network of the initialization chapter: 784-100-100-100-100-10. */
const HIDDEN_SIZES = [100, 100, 100, 100];
const BATCH_SIZE = 128;

/** What `initlab bench --json` prints. */
export interface BenchResult {
  training: {
    network: number[];
    activation: string;
    initializer: string;
    optimizer: { name: string; lr: number };
    batchSize: number;
    /** Iterations between the first and last timed progress reports (evaluations excluded). */
    iterations: number;
    seconds: number;
    iterationsPerSecond: number;
    samplesPerSecond: number;
    backend: string;
  };
  environment: { initlab: string; runtime: string; platform: string; cpu: string; cpus: number };
}

function benchConfig(options: BenchOptions): ExperimentConfig {
  return {
    name: 'bench',
    description: 'training throughput of the book network',
    dataset: options.data === undefined ? 'mnist' : { name: 'mnist', dir: resolve(options.data) },
    base: {
      hiddenSizes: HIDDEN_SIZES,
      activation: 'relu',
      initializer: 'he',
      optimizer: { name: 'sgd', lr: 0.01 },
      batchSize: BATCH_SIZE,
      iterations: options.iterations,
      // Evaluate only at the start and the end, on few samples: the timed window is pure training.
      evaluation: { every: options.iterations, trainSamples: 1000, statsSamples: 100 },
    },
    runs: [{ label: 'He + ReLU' }],
    seeds: [0],
  };
}

/**
 * Times one training run of the book network on MNIST. The clock runs between the first and the last
 * progress report inside the run, so loading data and evaluating are not counted.
 */
export async function measureTraining(options: BenchOptions): Promise<BenchResult> {
  await setBackend(options.backend);
  const marks: { iteration: number; time: number }[] = [];
  try {
    // One worker: the run trains on this thread, on the backend just chosen.
    await runExperiment(benchConfig(options), {
      workers: 1,
      onProgress: (progress) => {
        if (progress.iteration >= 1 && progress.iteration < progress.iterations) {
          marks.push({ iteration: progress.iteration, time: performance.now() });
        }
      },
    });
  } catch (error) {
    if (error instanceof DatasetError) throw new RuntimeFailure(error.message);
    throw error;
  }
  const first = marks[0];
  const last = marks[marks.length - 1];
  if (!first || last.iteration === first.iteration) {
    throw new RuntimeFailure(`bench: too few progress reports to time; raise --iterations (got ${options.iterations})`);
  }
  const iterations = last.iteration - first.iteration;
  const seconds = (last.time - first.time) / 1000;
  return {
    training: {
      network: [784, ...HIDDEN_SIZES, 10],
      activation: 'relu',
      initializer: 'he',
      optimizer: { name: 'sgd', lr: 0.01 },
      batchSize: BATCH_SIZE,
      iterations,
      seconds,
      iterationsPerSecond: iterations / seconds,
      samplesPerSecond: (iterations * BATCH_SIZE) / seconds,
      backend: getBackend().name,
    },
    environment: {
      initlab: VERSION,
      runtime: `node ${process.version}`,
      platform: `${process.platform} ${process.arch}`,
      cpu: cpus()[0]?.model ?? 'unknown',
      cpus: availableParallelism(),
    },
  };
}

/** `initlab bench`: prints the throughput figures (JSON with --json). */
export async function runBench(options: BenchOptions, io: Io): Promise<number> {
  const result = await measureTraining(options);
  if (options.json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const t = result.training;
    io.stdout.write(
      `training ${t.network.join('-')} (${t.activation} + ${t.initializer}, batch ${t.batchSize}, SGD lr ${t.optimizer.lr}) on ${t.backend}:\n` +
        `  ${t.samplesPerSecond.toFixed(0)} samples/s, ${t.iterationsPerSecond.toFixed(1)} iterations/s ` +
        `(${t.iterations} iterations in ${t.seconds.toFixed(2)} s)\n`,
    );
  }
  return ExitCode.ok;
}
