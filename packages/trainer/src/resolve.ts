import { getInitializer } from '@initlab/initializers';
import { DEFAULT_EVALUATION, DEFAULT_HISTOGRAM, type HistogramConfig, type RunConfig } from './config.js';
import type { InitializerSpec, RunResult } from './results.js';

/** A RunConfig with every default filled in: what a run actually used, as recorded in its result. */
export interface ResolvedRunConfig extends RunConfig {
  seed: number;
  evaluation: {
    every: number | 'epoch';
    trainSamples: number | 'all';
    testSamples: number | 'all';
    statsSamples: number;
    chunkSize: number;
  };
  batchNorm: boolean;
  dropout: number;
  weightDecay: number;
  lsuv: boolean | NonNullable<Exclude<RunConfig['lsuv'], boolean>>;
}

/** Fills the defaults of `config` (evaluation every epoch on 10 000 training and all test samples, seed 0, no extras). */
export function resolveRunConfig(config: RunConfig): ResolvedRunConfig {
  const resolved: ResolvedRunConfig = {
    ...config,
    seed: config.seed ?? 0,
    evaluation: { ...DEFAULT_EVALUATION, ...config.evaluation },
    batchNorm: config.batchNorm ?? false,
    dropout: config.dropout ?? 0,
    weightDecay: config.weightDecay ?? 0,
    lsuv: config.lsuv ?? false,
  };
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
  labels.forEach((label, i) => (params[`layer${i + 1}`] = label));
  return { name: 'per-layer', params, label: labels.join(' | ') };
}
