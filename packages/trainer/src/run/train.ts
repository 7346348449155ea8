import { Matrix, createRng, getBackend, type Rng } from '@initlab/tensor';
import type { Dataset } from '@initlab/datasets';
import { MultiLayerNet, lsuv, parameterCount } from '@initlab/layers';
import { createOptimizer, type Optimizer } from '@initlab/optimizers';
import type { RunConfig } from '../config/config.js';
import { Evaluator, samplesOf } from './evaluate.js';
import { HalfSteps, splitsSteps } from '../parallel/half-steps.js';
import { HelperThreads } from '../parallel/helper-threads.js';
import { stepMemory, type ParallelOptions } from '../parallel/step-memory.js';
import type { Evaluation, Progress } from './events.js';
import { describeInitializer, type ResolvedRunConfig } from '../config/resolve.js';
import type { EvalPoint, LsuvRecord, RunResult, RunStatus, Snapshot } from '../results/results.js';
import { parseRunConfig } from '../config/validate.js';
import { isNode } from '../platform/runtime.js';
import { ConfigError } from '../errors.js';

/** Names a run inside its experiment; recorded in its result and its progress reports. */
export interface RunInfo {
  runIndex?: number;
  label?: string;
  experiment?: string;
}

/** How a `TrainingRun` reports, and where it may compute half of each step (see "Steps in two halves"). */
export interface RunOptions {
  onProgress?: (progress: Progress) => void;
  /** Called at every evaluation point (iteration 0 included), as soon as it is measured; not throttled. */
  onEvaluation?: (evaluation: Evaluation) => void;
  /**
   * Where the run's helper thread comes from (`HelperThreads`); null: none. Default: the platform's (Node: a
   * worker thread, kept only for this run; a browser: none). Pass one object to every run of a thread to reuse
   * its helpers from run to run.
   */
  helpers?: HelperThreads | null;
  /** On one thread: cores a pool's idle workers left, of which the run may claim one for its helper mid-run. */
  spareCores?: ParallelOptions['spareCores'];
}

/** What `train` needs besides the config. */
export interface TrainOptions extends RunOptions {
  dataset: Dataset;
  /** Aborting stops the run after the current iteration with status `'interrupted'`. */
  signal?: AbortSignal;
  runInfo?: RunInfo;
}

/** As TrainOptions for the synchronous core: a polled `shouldStop` instead of a signal. */
export interface TrainSyncOptions extends Omit<TrainOptions, 'signal'> {
  /** Polled once per iteration (a worker reads a shared flag here). */
  shouldStop?: () => boolean;
}

const PROGRESS_INTERVAL_MS = 200;
/** Losses held before the buffer first grows (512 KiB). */
const INITIAL_LOSS_CAPACITY = 65_536;

/**
 * One training run, advanced an iteration at a time. Draw order follows the book's NumPy code for
 * `np.random.seed(seed)`: every weight matrix in layer order (the net's constructor), then one
 * `choice(nTrain, batchSize)` per iteration; evaluation draws nothing. Takes a resolved config
 * (`parseRunConfig`), used as it is.
 */
export class TrainingRun {
  private readonly net: MultiLayerNet;
  private readonly optimizer: Optimizer;
  private readonly evaluator: Evaluator;
  private readonly rng: Rng;
  private readonly batchX: Matrix;
  private readonly batchLabels: Int32Array;
  private readonly indices: Int32Array;
  private readonly evalEvery: number;
  /** Training samples the run draws its batches from and measures train accuracy on: the first this-many. */
  private readonly trainCount: number;
  private lsuvRecord: LsuvRecord | undefined;
  /** The halves each step is computed as (see parallel/half-steps.ts), for nets and batches that split; else undefined. */
  private readonly halves: HalfSteps | undefined;
  /** Helpers this run made for itself (no `helpers` option given), stopped with it. */
  private readonly ownHelpers: HelperThreads | undefined;
  private readonly onProgress: RunOptions['onProgress'];
  private readonly onEvaluation: RunOptions['onEvaluation'];
  /** Progress is reported at least every this many iterations (about 1% of the run). */
  private readonly progressStride: number;
  private readonly started = performance.now();
  /** Losses so far, in a buffer grown by doubling so that steps do not allocate. */
  private loss: Float64Array;
  /** Whether the net records gradient norms: only for a step an evaluation follows, as only evaluations read them. */
  private recordingNorms = false;
  private readonly evals: EvalPoint[] = [];
  private readonly snapshots: Snapshot[] = [];
  private iteration = 0;
  private divergedAt: number | undefined;
  private lastProgressTime = -Infinity;
  private lastProgressIteration = -1;

  private readonly info: Required<RunInfo>;

  constructor(
    readonly config: ResolvedRunConfig,
    private readonly dataset: Dataset,
    info: RunInfo = {},
    options: RunOptions = {},
  ) {
    this.info = runInfo(info);
    this.onProgress = options.onProgress;
    this.onEvaluation = options.onEvaluation;
    const { batchSize, evaluation } = this.config;
    this.rng = createRng(this.config.seed);
    this.trainCount = trainingSubset(this.config.trainSubset, dataset.train.count);
    const splits = splitsSteps(this.config, batchSize);
    const paramCount = parameterCount(dataset.inputSize, this.config.hiddenSizes, dataset.numClasses);
    this.ownHelpers = splits && options.helpers === undefined ? HelperThreads.platformDefault() : undefined;
    const helpers = options.helpers === undefined ? this.ownHelpers : (options.helpers ?? undefined);
    // The halves share the net's weights with a replica (on a helper thread where one can run): one array each.
    const memory = splits
      ? stepMemory(dataset, batchSize, paramCount, { helpers, spareCores: options.spareCores })
      : undefined;
    this.net = new MultiLayerNet({
      parameters: memory && { values: memory.values, grads: memory.grads },
      inputSize: dataset.inputSize,
      hiddenSizes: this.config.hiddenSizes,
      outputSize: dataset.numClasses,
      activation: this.config.activation as never,
      initializer: this.config.initializer,
      biasInitializer: this.config.biasInitializer,
      rng: this.rng,
      batchNorm: this.config.batchNorm,
      dropout: this.config.dropout,
      weightDecay: this.config.weightDecay,
    });
    this.optimizer = createOptimizer(this.config.optimizer);
    this.batchX = Matrix.zeros(batchSize, dataset.inputSize);
    this.batchLabels = new Int32Array(batchSize);
    this.indices = new Int32Array(batchSize);
    this.loss = new Float64Array(Math.min(this.config.iterations, INITIAL_LOSS_CAPACITY));
    if (this.config.lsuv) this.applyLsuv();
    this.progressStride = Math.max(1, Math.floor(this.config.iterations / 100));
    this.evalEvery = evaluation.every === 'epoch' ? Math.ceil(this.trainCount / batchSize) : evaluation.every;
    this.evaluator = new Evaluator(
      this.net,
      dataset,
      this.config.activation,
      evaluation.chunkSize,
      evaluation.statsSamples,
      evaluation.statsSplit,
    );
    this.evaluate(undefined);
    this.halves =
      memory &&
      new HalfSteps(this.net, dataset, batchSize, this.batchX, this.batchLabels, memory, evaluation.chunkSize);
  }

  /** Steps whose second half a helper thread computed (0 on one thread, or before the helper is ready). */
  get helperSteps(): number {
    return this.halves?.helperSteps ?? 0;
  }

  /**
   * Resolves true once a helper thread computes half of each step (see `HalfSteps`), false where the run has
   * none (one thread, a browser, a dataset not in shared memory, batch norm or dropout, a batch under 32) or
   * after `timeoutMs` (default 10 s). Steps never wait for it; this is for benchmarks and tests.
   */
  helperReady(timeoutMs?: number): Promise<boolean> {
    return this.halves?.helperReady(timeoutMs) ?? Promise.resolve(false);
  }

  /** True once every iteration ran or the loss diverged. */
  get finished(): boolean {
    return this.divergedAt !== undefined || this.iteration >= this.config.iterations;
  }

  /** One minibatch step (allocation-free); evaluates when the schedule says so. */
  step(): void {
    if (this.finished) return;
    const { batchSize, iterations } = this.config;
    const next = this.iteration + 1;
    const evaluates = next % this.evalEvery === 0 || next === iterations;
    this.recordNorms(evaluates);
    this.rng.choice(this.trainCount, batchSize, this.indices);
    let loss: number;
    if (this.halves) {
      loss = this.halves.gradient(this.indices) + this.net.regularize();
    } else {
      this.dataset.train.batch(this.indices, this.batchX.data, this.batchLabels);
      loss = this.net.gradient(this.batchX, this.batchLabels);
    }
    if (!Number.isFinite(loss)) {
      this.divergedAt = this.iteration;
      this.close();
      this.report(true);
      return;
    }
    this.optimizer.update(this.net.params);
    if (this.iteration === this.loss.length) this.growLoss();
    this.loss[this.iteration] = loss;
    this.iteration = next;
    if (evaluates) this.evaluate(this.net.gradientNorms());
    if (next === iterations) this.close();
    this.report(next === iterations);
  }

  /** Stops the run's helper thread, if it has one; a finished or diverged run does so itself. Steps still work after, on this thread. */
  close(): void {
    this.halves?.close();
    this.ownHelpers?.close();
  }

  /** The result so far; `interrupted` marks a run stopped before it finished. */
  result(interrupted = false): RunResult {
    let status: RunStatus = 'done';
    if (this.divergedAt !== undefined) status = 'diverged';
    else if (interrupted && !this.finished) status = 'interrupted';
    const last = this.snapshots[this.snapshots.length - 1];
    const result: RunResult = {
      experiment: this.info.experiment,
      label: this.info.label,
      seed: this.config.seed,
      initializer: describeInitializer(this.config.initializer),
      activation: this.config.activation,
      status,
      iterations: this.iteration,
      loss: Array.from(this.loss.subarray(0, this.iteration)),
      evals: this.evals.slice(),
      layers: last ? last.layers : [],
      snapshots: this.snapshots.slice(),
      wallTimeMs: performance.now() - this.started,
      backend: getBackend().name,
      config: this.config,
    };
    if (this.divergedAt !== undefined) result.divergedAt = this.divergedAt;
    if (this.helperSteps > 0) result.helperSteps = this.helperSteps;
    if (this.lsuvRecord) result.lsuv = this.lsuvRecord;
    return result;
  }

  private evaluate(gradientNorms: readonly number[] | undefined): void {
    const { trainSamples, testSamples } = this.config.evaluation;
    const point: EvalPoint = {
      iteration: this.iteration,
      trainAccuracy: this.accuracy('train', trainSamples),
      testAccuracy: this.accuracy('test', testSamples),
    };
    const snapshot: Snapshot = { iteration: this.iteration, layers: this.evaluator.layerStats(gradientNorms) };
    this.evals.push(point);
    this.snapshots.push(snapshot);
    this.onEvaluation?.({ ...this.info, seed: this.config.seed, eval: point, snapshot });
    this.recordingNorms = false;
  }

  /** Accuracy on the first `samples` of a split; with a helper thread, half of them counted there. */
  private accuracy(which: 'train' | 'test', samples: number | 'all'): number {
    const split = this.dataset[which];
    const count = Math.min(samplesOf(split, samples), which === 'train' ? this.trainCount : split.count);
    if (count === 0) return 0;
    const classifier = this.evaluator.classifier;
    const here = (start: number, end: number) => classifier.countCorrect(split, start, end);
    return (this.halves ? this.halves.countCorrect(which, count, here) : here(0, count)) / count;
  }

  private recordNorms(on: boolean): void {
    if (on === this.recordingNorms) return;
    this.net.setTaps({ gradientNorms: on });
    this.recordingNorms = on;
  }

  private growLoss(): void {
    const grown = new Float64Array(Math.max(1, this.loss.length * 2));
    grown.set(this.loss);
    this.loss = grown;
  }

  /** LSUV on the first training samples: a fixed batch, so it draws nothing from the run's generator. */
  private applyLsuv(): void {
    const options = typeof this.config.lsuv === 'object' ? this.config.lsuv : {};
    const samples = Math.min(options.samples ?? this.config.batchSize, this.trainCount);
    const batch = Matrix.zeros(samples, this.dataset.inputSize);
    this.dataset.train.range(0, samples, batch.data);
    const done = lsuv(this.net, batch, { tolerance: options.tolerance, maxIterations: options.maxIterations });
    this.lsuvRecord = {
      samples,
      tolerance: done.tolerance,
      maxIterations: done.maxIterations,
      layers: done.variances.map((variance, i) => ({
        variance,
        rescalings: done.iterations[i],
        varianceBefore: done.variancesBefore[i],
      })),
    };
  }

  private report(force: boolean): void {
    if (!this.onProgress || this.iteration === this.lastProgressIteration) return;
    const now = performance.now();
    if (!force && this.iteration % this.progressStride !== 0 && now - this.lastProgressTime < PROGRESS_INTERVAL_MS)
      return;
    this.lastProgressTime = now;
    this.lastProgressIteration = this.iteration;
    this.onProgress({
      ...this.info,
      seed: this.config.seed,
      iteration: this.iteration,
      iterations: this.config.iterations,
      loss: this.iteration > 0 ? this.loss[this.iteration - 1] : NaN,
    });
  }
}

/** The training subset's size: `trainSubset` (at most the training set's), or the whole training set. */
function trainingSubset(trainSubset: number | undefined, trainCount: number): number {
  if (trainSubset === undefined) return trainCount;
  if (trainSubset > trainCount) {
    const message = `expected at most the training set's ${trainCount} samples, got ${trainSubset}`;
    throw new ConfigError([{ path: 'trainSubset', message }], 'run config');
  }
  return trainSubset;
}

function runInfo(info: RunInfo | undefined): Required<RunInfo> {
  return { runIndex: info?.runIndex ?? 0, label: info?.label ?? '', experiment: info?.experiment ?? '' };
}

/**
 * Trains to the end (or until `shouldStop()` or divergence) without yielding. Checks `config` and fills its
 * defaults first (a ConfigError lists every issue).
 */
export function trainSync(config: RunConfig, options: TrainSyncOptions): RunResult {
  return trainToEnd(
    new TrainingRun(parseRunConfig(config), options.dataset, options.runInfo, options),
    options.shouldStop,
  );
}

/** The steps of `run` to its end, or until `shouldStop()`; then its result, its helper stopped. */
export function trainToEnd(run: TrainingRun, shouldStop?: () => boolean): RunResult {
  try {
    while (!run.finished) {
      if (shouldStop?.()) return run.result(true);
      run.step();
    }
    return run.result();
  } finally {
    run.close();
  }
}

/**
 * In a browser a Web Worker that a worker starts loads only while the starting worker's event loop runs, so a
 * run that will not yield first waits (at most this long) for its helper thread.
 */
const HELPER_START_WAIT_MS = 2000;

/**
 * As `trainSync`, for a worker: where a helper thread needs this thread's event loop to start (a browser),
 * waits for it first (at most 2 s; the run computes whole steps without it), then trains without yielding.
 */
export async function trainInWorker(config: ResolvedRunConfig, options: TrainSyncOptions): Promise<RunResult> {
  const run = new TrainingRun(config, options.dataset, options.runInfo, options);
  if (!isNode()) await run.helperReady(HELPER_START_WAIT_MS);
  return trainToEnd(run, options.shouldStop);
}

const SLICE_MS = 50;

/** Lets timers, messages and abort events run between slices of training. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Trains one network on `dataset` and resolves with its result. Runs on the calling thread in slices of
 * about 50 ms, yielding in between so `signal` and progress callbacks are served. Checks `config` and fills
 * its defaults first (a ConfigError lists every issue).
 */
export function train(config: RunConfig, options: TrainOptions): Promise<RunResult> {
  return trainResolved(parseRunConfig(config), options);
}

/** As `train`, for a resolved config (a job of a checked experiment), used as it is. */
export async function trainResolved(config: ResolvedRunConfig, options: TrainOptions): Promise<RunResult> {
  const run = new TrainingRun(config, options.dataset, options.runInfo, options);
  const { signal } = options;
  try {
    while (!run.finished) {
      const sliceEnd = performance.now() + SLICE_MS;
      while (!run.finished && performance.now() < sliceEnd) {
        if (signal?.aborted) return run.result(true);
        run.step();
      }
      if (!run.finished) await yieldToEventLoop();
    }
    return run.result(signal?.aborted ?? false);
  } finally {
    run.close();
  }
}
