import type { InitializerSpec } from '@initlab/initializers';
import { createRng, type Matrix } from '@initlab/tensor';
import type { Histogram } from '../results/results.js';
import { histogram } from '../run/stats.js';
import { jacobianSingularValues, spectrumMetrics, type JacobianActivation } from './jacobian.js';

/** One cell of a Jacobian-spectrum grid: the pooled singular values of J, as metrics and a log10 histogram. */
export function jacobianCell(options: {
  /** L + 1 entries, all the width: the first layer, then the L square layers of J. */
  hiddenSizes: number[];
  activation: JacobianActivation;
  initializer: InitializerSpec;
  /** `createRng(seed)` draws the weights. */
  seed: number;
  /** The first training images, one per row, pixels / 255. */
  inputs: Matrix;
}): { metrics: Record<string, number>; histogram: Histogram } {
  const { hiddenSizes, activation, initializer, seed, inputs } = options;
  const values = jacobianSingularValues({
    depth: hiddenSizes.length - 1,
    width: hiddenSizes[0],
    activation,
    initializer,
    inputs,
    rng: createRng(seed),
  });
  // log10 σ in 40 bins from 10⁻⁸ to 10²; smaller values (and zeros) count as `below`.
  const logs = Array.from(values, (value) => (value > 0 ? Math.log10(value) : -Infinity));
  return { metrics: { ...spectrumMetrics(values) }, histogram: histogram(logs, 40, -8, 2) };
}
