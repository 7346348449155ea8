import type { InitializerSpec } from '@initlab/initializers';
import { createRng, type Matrix } from '@initlab/tensor';
import { TrainerError } from '../errors.js';
import type { Histogram } from '../results/results.js';
import { jacobianSingularValues, spectrumMetrics, type JacobianActivation } from './jacobian.js';

/*
 * One cell of the jacobian-spectrum preset (Pennington, Schoenholz & Ganguli 2017): the pooled singular values of
 * the input–output Jacobian of one freshly drawn net, summarised as metrics and a histogram of log10 σ.
 */

/**
 * The histogram's edges in log10 σ, the same for every cell so that cells compare bin by bin: a quarter of a decade
 * each from 10⁻¹⁶ to 10², 72 bins. Orthogonal tanh's spectra lie within a decade below 1; Gaussian tanh and
 * He + ReLU reach down to float64's roundoff of the largest (about 10⁻¹⁶ of it) at depth 128. What lies below
 * 10⁻¹⁶ is numerically zero (ReLU's dead directions, exact zeros included): the histogram's `below`.
 */
export const LOG10_SV_EDGES: readonly number[] = Array.from({ length: 73 }, (_, k) => -16 + k / 4);

export interface JacobianCellOptions {
  /** L + 1 entries, all the width: the 784 → width layer, then the L square layers of J. */
  hiddenSizes: number[];
  activation: JacobianActivation;
  /** Draws every weight matrix; biases are 0. */
  initializer: InitializerSpec;
  /** `createRng(seed)` draws the weights, in a `MultiLayerNet`'s order. */
  seed: number;
  /** One input per row (the first `jacobian.samples` training images, pixels / 255). */
  inputs: Matrix;
}

/** A cell's result: the spectrum's metrics (`SpectrumMetrics`' fields) and its log10 histogram. */
export interface JacobianCellResult {
  metrics: Record<string, number>;
  histogram: Histogram;
}

/** Counts of log10 of `values` in the bins of `edges` (ascending), values outside in `below` / `above`. */
export function log10Histogram(values: ArrayLike<number>, edges: readonly number[] = LOG10_SV_EDGES): Histogram {
  const counts = new Array<number>(edges.length - 1).fill(0);
  const low = edges[0];
  const high = edges[edges.length - 1];
  let below = 0;
  let above = 0;
  for (let i = 0; i < values.length; i++) {
    const x = Math.log10(values[i]);
    if (!(x >= low)) below++;
    else if (x > high) above++;
    else {
      // The last bin is closed on the right, as numpy.histogram's.
      let bin = edges.length - 2;
      while (bin > 0 && x < edges[bin]) bin--;
      counts[bin]++;
    }
  }
  return { edges: [...edges], counts, below, above };
}

/** The Jacobian spectrum of one net: J over `hiddenSizes.length − 1` square layers, at every row of `inputs`. */
export function jacobianCell(options: JacobianCellOptions): JacobianCellResult {
  const { hiddenSizes, activation, initializer, seed, inputs } = options;
  const width = hiddenSizes[0];
  if (hiddenSizes.length < 2 || hiddenSizes.some((size) => size !== width)) {
    throw new TrainerError(
      `jacobianCell: hiddenSizes must be L + 1 ≥ 2 equal widths (the first layer, then J's L square layers), got [${hiddenSizes.join(', ')}]`,
    );
  }
  const values = jacobianSingularValues({
    depth: hiddenSizes.length - 1,
    width,
    activation,
    initializer,
    inputs,
    rng: createRng(seed),
  });
  return { metrics: { ...spectrumMetrics(values) }, histogram: log10Histogram(values) };
}
