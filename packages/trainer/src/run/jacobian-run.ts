import type { Dataset } from '@initlab/datasets';
import { Matrix } from '@initlab/tensor';
import type { ResolvedJacobianRunConfig } from '../config/resolve.js';
import { TrainerError } from '../errors.js';
import type { Histogram } from '../results/results.js';
import type { JacobianActivation } from '../theory/jacobian.js';
import { jacobianCell } from '../theory/jacobian-cell.js';

/** What a Jacobian-spectrum cell computes: no training, no curves — the spectrum's metrics and its histogram. */
export interface JacobianOutput {
  kind: 'jacobian';
  metrics: Record<string, number>;
  histogram: Histogram;
  wallTimeMs: number;
}

/** The spectrum of one cell's net at the first `jacobian.samples` training images of `dataset` (pixels / 255). */
export function runJacobian(config: ResolvedJacobianRunConfig, dataset: Dataset): JacobianOutput {
  const started = performance.now();
  const { samples } = config.jacobian;
  if (samples > dataset.train.count) {
    throw new TrainerError(`jacobian.samples is ${samples}, but the training set has ${dataset.train.count} images`);
  }
  const inputs = Matrix.zeros(samples, dataset.inputSize);
  dataset.train.range(0, samples, inputs.data);
  const { metrics, histogram } = jacobianCell({
    hiddenSizes: config.hiddenSizes,
    activation: config.activation as JacobianActivation,
    initializer: Array.isArray(config.initializer) ? config.initializer[0] : config.initializer,
    seed: config.seed,
    inputs,
  });
  return { kind: 'jacobian', metrics, histogram, wallTimeMs: performance.now() - started };
}
