import type { InitializerSpec } from '@initlab/initializers';
import { createRng, type Matrix } from '@initlab/tensor';
import type { Histogram } from '../results/results.js';
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
  return { metrics: { ...spectrumMetrics(values) }, histogram: log10Histogram(values) };
}

/** log10 σ in 40 bins of a quarter decade from 10⁻⁸ to 10²; smaller values (and zeros) count as `below`. */
function log10Histogram(values: Float64Array): Histogram {
  const edges = Array.from({ length: 41 }, (_, k) => -8 + k / 4);
  const counts = new Array<number>(40).fill(0);
  let below = 0;
  let above = 0;
  for (const value of values) {
    const x = Math.log10(value);
    if (!(x >= -8)) below++;
    else if (x > 2) above++;
    else counts[Math.min(39, Math.floor((x + 8) * 4))]++;
  }
  return { edges, counts, below, above };
}
