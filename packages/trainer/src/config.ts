import type { InitializerSpec, OptimizerSpec } from './results.js';

/** When and on what a training run measures accuracy and layer statistics. */
export interface EvaluationConfig {
  /** Iterations between evaluations; `'epoch'` (default) is ⌈nTrain / batchSize⌉. */
  every?: number | 'epoch';
  /** Train accuracy is measured on the first this-many training samples (default 10 000) or `'all'`. */
  trainSamples?: number | 'all';
  /**
   * Test accuracy is measured on the first this-many test samples or `'all'` (default): fewer make each
   * evaluation cheaper at the price of a noisier test curve.
   */
  testSamples?: number | 'all';
  /** Layer statistics come from the first this-many test samples (default 1000), a fixed batch. */
  statsSamples?: number;
  /** Rows per forward pass while evaluating (default 1000); bounds the evaluation buffers. */
  chunkSize?: number;
}

/** The forward-only experiment of the book's histogram figure (kind `'histogram'`). */
export interface HistogramConfig {
  /** Rows of N(0, 1) input (default 1000). */
  samples?: number;
  /** Width of the input (default 100). */
  inputSize?: number;
  /** Histogram bins (default 30). */
  bins?: number;
  /** Histogram range (default `[0, 1]`, as the book's `plt.hist(a, 30, range=(0, 1))`). */
  range?: [number, number];
}

/** Layer-sequential unit-variance initialization applied after the initializer (Mishkin & Matas, 2015). */
export interface LsuvConfig {
  /** Training samples used (the first this-many; default: the batch size). */
  samples?: number;
  /** Accepted distance of each layer's output variance from 1 (default: the layers package's). */
  tolerance?: number;
  /** Rescaling rounds per layer (default: the layers package's). */
  maxIterations?: number;
}

/** Everything one training run needs besides its dataset. */
export interface RunConfig {
  /** Hidden layer widths, e.g. `[50]` for 784-50-10. */
  hiddenSizes: number[];
  /** `'sigmoid'`, `'relu'`, `'tanh'` or `'leakyRelu'` (see `listActivations()` of @initlab/layers). */
  activation: string;
  /** One initializer for every weight matrix, or one per matrix (hidden layers then the output layer). */
  initializer: InitializerSpec | InitializerSpec[];
  /** e.g. `{ name: 'sgd', lr: 0.1 }`. */
  optimizer: OptimizerSpec;
  batchSize: number;
  iterations: number;
  /** Seeds the one generator every draw comes from (default 0). */
  seed?: number;
  evaluation?: EvaluationConfig;
  batchNorm?: boolean;
  /** Dropout ratio in [0, 1) after each hidden activation (default 0: none). */
  dropout?: number;
  /** L2 weight decay λ (default 0). */
  weightDecay?: number;
  /** `true` or options: run LSUV on the first training samples before training. */
  lsuv?: boolean | LsuvConfig;
  /** Settings of the histogram experiment (kind `'histogram'` only). */
  histogram?: HistogramConfig;
}

/** What the histogram experiment needs: the network's shape and initialization, no training settings. */
export type HistogramRunConfig = Pick<RunConfig, 'hiddenSizes' | 'activation' | 'initializer'> & Partial<RunConfig>;

/** A dataset by name, or with the options of its maker (`{ name: 'blobs', samples: 600, classes: 3 }`). */
export type DatasetSpec =
  | 'mnist'
  | 'blobs'
  | 'spiral'
  | { name: 'mnist' | 'blobs' | 'spiral'; [option: string]: number | string };

/** One run of an experiment: a label and what it changes in `base`. */
export type RunSpec = Partial<RunConfig> & { label: string };

/** The declarative experiment: every run of `runs` is trained once per seed. */
export interface ExperimentConfig {
  name: string;
  description?: string;
  /** Default `'mnist'`; ignored by kind `'histogram'`. */
  dataset?: DatasetSpec;
  /** `'train'` (default) or `'histogram'` (the book's forward-only activation histograms). */
  kind?: 'train' | 'histogram';
  /** Settings shared by every run. */
  base: Partial<RunConfig>;
  runs: RunSpec[];
  seeds: number[];
}

/** Several experiments run and reported together; each run keeps its own experiment's name. */
export interface GroupConfig {
  name: string;
  description?: string;
  experiments: ExperimentConfig[];
}

/** An experiment or a group of them: what `runExperiment` accepts. */
export type Experiment = ExperimentConfig | GroupConfig;

/** Tells a group from a single experiment. */
export function isGroup(experiment: Experiment): experiment is GroupConfig {
  return Array.isArray((experiment as GroupConfig).experiments);
}

/** Defaults filled into every run. */
export const DEFAULT_EVALUATION = {
  every: 'epoch',
  trainSamples: 10_000,
  testSamples: 'all',
  statsSamples: 1000,
  chunkSize: 1000,
} as const satisfies Required<EvaluationConfig>;

export const DEFAULT_HISTOGRAM = {
  samples: 1000,
  inputSize: 100,
  bins: 30,
  range: [0, 1],
} as const satisfies { [K in keyof HistogramConfig]-?: Readonly<NonNullable<HistogramConfig[K]>> };

/** Fields a run of each kind must have after merging `base` and the run. */
export const REQUIRED_FIELDS = {
  train: ['hiddenSizes', 'activation', 'initializer', 'optimizer', 'batchSize', 'iterations'],
  histogram: ['hiddenSizes', 'activation', 'initializer'],
} as const;

/** `base` with a run's overrides on top; `evaluation` and `histogram` merge field by field. */
export function mergeRun(base: Partial<RunConfig> = {}, run: Partial<RunConfig> = {}): Partial<RunConfig> {
  const merged: Partial<RunConfig> = { ...base, ...run };
  if (base.evaluation || run.evaluation) merged.evaluation = { ...base.evaluation, ...run.evaluation };
  if (base.histogram || run.histogram) merged.histogram = { ...base.histogram, ...run.histogram };
  delete (merged as { label?: string }).label;
  return merged;
}
