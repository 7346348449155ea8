import { getInitializer, type InitializerSpec } from '@initlab/initializers';
import type {
  DatasetSpec,
  EvaluationConfig,
  ExperimentConfig,
  GroupConfig,
  HistogramConfig,
  HistogramRunConfig,
  LsuvConfig,
  RunConfig,
} from './config.js';
import type { RunResult } from '../results/results.js';

/** Defaults filled into every run. */
export const DEFAULT_EVALUATION = {
  every: 'epoch',
  trainSamples: 10_000,
  testSamples: 'all',
  statsSamples: 1000,
  chunkSize: 1000,
} as const satisfies Required<Omit<EvaluationConfig, 'statsSplit'>>;

export const DEFAULT_HISTOGRAM = {
  samples: 1000,
  inputSize: 100,
  bins: 30,
  range: [0, 1],
} as const satisfies { [K in keyof HistogramConfig]-?: Readonly<NonNullable<HistogramConfig[K]>> };

/**
 * A checked run config with every default filled in: what a run actually uses, as recorded in its result.
 * Made by `parseRunConfig`, or for each job of an experiment `parseExperiment` checked; runs take it as it is.
 */
export interface ResolvedRunConfig extends RunConfig {
  seed: number;
  /** Every evaluation setting; `statsSplit` only where given (absent: `'test'`), so older configs read the same. */
  evaluation: Required<Omit<EvaluationConfig, 'statsSplit'>> & Pick<EvaluationConfig, 'statsSplit'>;
  batchNorm: boolean;
  dropout: number;
  weightDecay: number;
  lsuv: boolean | LsuvConfig;
  biasInitializer: InitializerSpec;
  histogram?: Required<HistogramConfig>;
}

/** What an experiment's runs do: train, draw the book's histograms, or measure the Jacobian's spectrum. */
export type ExperimentKind = 'train' | 'histogram' | 'jacobian';

/** A checked experiment with its `kind` and `dataset` defaults made explicit: what `runExperiment` runs. */
export interface ResolvedExperimentConfig extends ExperimentConfig {
  kind: ExperimentKind;
  dataset: DatasetSpec;
}

/** A checked group whose experiments are resolved. */
export interface ResolvedGroup extends GroupConfig {
  experiments: ResolvedExperimentConfig[];
}

/** What `parseExperiment` returns: one resolved experiment, or a group of them. */
export type ResolvedExperiment = ResolvedExperimentConfig | ResolvedGroup;

/**
 * Fills the defaults of a checked `config` (evaluation every epoch on 10 000 training and all test samples, seed 0,
 * zero biases, no extras).
 */
export function resolveRunConfig(config: RunConfig): ResolvedRunConfig {
  // Spread first, so that the keys keep their order in the results JSON; `histogram` is then replaced.
  const resolved = {
    ...config,
    seed: config.seed ?? 0,
    evaluation: { ...DEFAULT_EVALUATION, ...config.evaluation },
    batchNorm: config.batchNorm ?? false,
    dropout: config.dropout ?? 0,
    weightDecay: config.weightDecay ?? 0,
    lsuv: config.lsuv ?? false,
    biasInitializer: config.biasInitializer ?? 'zeros',
  } as ResolvedRunConfig;
  if (config.histogram) resolved.histogram = resolveHistogram(config.histogram);
  return resolved;
}

/** The histogram settings with defaults (1000 × 100 inputs, 30 bins over [0, 1]). */
export function resolveHistogram(config: HistogramConfig = {}): Required<HistogramConfig> {
  return {
    samples: config.samples ?? DEFAULT_HISTOGRAM.samples,
    inputSize: config.inputSize ?? DEFAULT_HISTOGRAM.inputSize,
    bins: config.bins ?? DEFAULT_HISTOGRAM.bins,
    range: config.range ?? [...DEFAULT_HISTOGRAM.range],
  };
}

/** A checked experiment with `kind` (default `'train'`) and `dataset` (default `'mnist'`) filled in. */
export function resolveExperimentConfig(config: ExperimentConfig): ResolvedExperimentConfig {
  return { ...config, kind: config.kind ?? 'train', dataset: config.dataset ?? 'mnist' };
}

/** A checked histogram run with its seed and histogram settings filled in (it has no training fields). */
export interface ResolvedHistogramRunConfig extends HistogramRunConfig {
  seed: number;
  histogram: Required<HistogramConfig>;
}

/** Fills the defaults of a checked histogram run: seed 0 and `resolveHistogram`'s settings. */
export function resolveHistogramRunConfig(config: HistogramRunConfig): ResolvedHistogramRunConfig {
  return { ...config, seed: config.seed ?? 0, histogram: resolveHistogram(config.histogram) };
}

/** A checked Jacobian-spectrum cell: the net's shape and initialization, its seed and how many images J is taken at. */
export interface ResolvedJacobianRunConfig extends HistogramRunConfig {
  seed: number;
  jacobian: { samples: number };
}

/** Fills the defaults of a checked Jacobian cell: seed 0, J at the first 20 training images. */
export function resolveJacobianRunConfig(config: HistogramRunConfig): ResolvedJacobianRunConfig {
  return { ...config, seed: config.seed ?? 0, jacobian: { samples: config.jacobian?.samples ?? 20 } };
}

/**
 * The initializer as a result records it. A per-layer list is recorded as `name: 'per-layer'`, its labels
 * joined with ` | ` and each layer's label under `params.layer1`, `params.layer2`, …
 */
export function describeInitializer(spec: InitializerSpec | InitializerSpec[]): RunResult['initializer'] {
  if (!Array.isArray(spec)) {
    const { name, params, label } = getInitializer(spec);
    return { name, params: { ...params }, label };
  }
  const labels = spec.map((one) => getInitializer(one).label);
  const params: Record<string, string> = {};
  for (const [i, label] of labels.entries()) params[`layer${i + 1}`] = label;
  return { name: 'per-layer', params, label: labels.join(' | ') };
}
