import { Matrix, createRng, getBackend } from '@initlab/tensor';
import { MultiLayerNet } from '@initlab/layers';
import type { HistogramRunConfig } from '../config/config.js';
import { hiddenLayerStats } from './evaluate.js';
import { describeInitializer, resolveHistogramRunConfig, type ResolvedHistogramRunConfig } from '../config/resolve.js';
import type { RunResult } from '../results/results.js';
import type { RunInfo } from './train.js';
import { validateRunConfig } from '../config/validate.js';

/** Classes of the throwaway output layer: the net needs one, the histogram never reads it. */
const UNUSED_OUTPUTS = 2;

/**
 * The book's activation-histogram experiment (ch. 6.2): `x = randn(samples, inputSize)` from the seeded
 * generator, then each hidden layer's weights as the net draws them in layer order (biases zero unless
 * `biasInitializer` draws them), one forward pass, and statistics of every hidden layer's activations. No training; loss and evals stay empty.
 * The output layer's weights are drawn last, after everything the book draws, and never used. Checks
 * `config` and fills its defaults first (a ConfigError lists every issue).
 */
export function runHistogram(config: HistogramRunConfig, info: RunInfo = {}): RunResult {
  return runResolvedHistogram(resolveHistogramRunConfig(validateRunConfig(config, 'histogram')), info);
}

/** As `runHistogram`, for a resolved config (a job of a checked experiment), used as it is. */
export function runResolvedHistogram(checked: ResolvedHistogramRunConfig, info: RunInfo = {}): RunResult {
  const started = performance.now();
  const { seed, histogram: settings } = checked;
  const rng = createRng(seed);
  const x = Matrix.zeros(settings.samples, settings.inputSize);
  rng.fillNormal(x.data, 1);
  const initializer = Array.isArray(checked.initializer)
    ? [...checked.initializer, checked.initializer[checked.initializer.length - 1]]
    : checked.initializer;
  const net = new MultiLayerNet({
    inputSize: settings.inputSize,
    hiddenSizes: checked.hiddenSizes,
    outputSize: UNUSED_OUTPUTS,
    activation: checked.activation as never,
    initializer,
    biasInitializer: checked.biasInitializer,
    rng,
  });
  net.setTaps({ activations: true });
  net.predict(x, false);
  const layers = hiddenLayerStats(net.activations(), checked.activation, settings.range, settings.bins);
  return {
    experiment: info.experiment ?? '',
    label: info.label ?? '',
    seed,
    initializer: describeInitializer(checked.initializer),
    activation: checked.activation,
    status: 'done',
    iterations: 0,
    loss: [],
    evals: [],
    layers,
    snapshots: [{ iteration: 0, layers }],
    wallTimeMs: performance.now() - started,
    backend: getBackend().name,
    config: checked,
  };
}
