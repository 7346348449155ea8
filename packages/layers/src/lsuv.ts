import { getInitializer } from '@initlab/initializers';
import type { Matrix, Rng } from '@initlab/tensor';
import { Affine } from './affine.js';
import { LayerError } from './errors.js';
import type { MultiLayerNet } from './network.js';

/** Settings of `lsuv`. */
export interface LsuvOptions {
  /** Stop rescaling a layer once |variance − 1| < tolerance. Default 0.1. */
  tolerance?: number;
  /** At most this many rescalings per layer. Default 10. */
  maxIterations?: number;
  /** Draws the orthogonal matrices; default the network's own generator. */
  rng?: Rng;
}

/** What `lsuv` did, one entry per affine layer, and the settings it did it with. */
export interface LsuvResult {
  tolerance: number;
  maxIterations: number;
  /** Rescalings applied to each layer. */
  iterations: number[];
  /** Variance of each affine layer's output on the batch when LSUV left it. */
  variances: number[];
  /**
   * Variance of each affine layer's output on the batch in the orthogonal network before any layer was rescaled:
   * how the signal would have travelled without LSUV.
   */
  variancesBefore: number[];
}

function variance(values: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  return squares / values.length;
}

/** The variance of every affine layer's output in one forward pass of `batch` (evaluation mode). */
function affineOutputVariances(net: MultiLayerNet, batch: Matrix): number[] {
  const variances: number[] = [];
  let x = batch;
  for (const layer of net.layers) {
    x = layer.forward(x, false);
    if (layer instanceof Affine) variances.push(variance(x.data));
  }
  return variances;
}

/**
 * Layer-sequential unit-variance initialization (Mishkin & Matas 2015, "All you need is a good init"):
 * every affine layer gets an orthogonal matrix, then, layer by layer in forward order, its weights are divided
 * by the standard deviation of its output (pre-activation) on `batch` until that variance is within `tolerance`
 * of 1 or `maxIterations` rescalings were made. Rescaling a layer leaves the outputs of the layers before it
 * unchanged, so one forward pass through the network suffices (and one more before it, which records the
 * variances of the orthogonal network as it was drawn). The batch runs in evaluation mode; networks with
 * batch normalization are refused (it renormalizes every affine output, which makes LSUV moot).
 */
export function lsuv(net: MultiLayerNet, batch: Matrix, options: LsuvOptions = {}): LsuvResult {
  const { tolerance = 0.1, maxIterations = 10, rng = net.rng } = options;
  if (!Number.isFinite(tolerance) || tolerance <= 0) {
    throw new LayerError(`lsuv: tolerance must be a number in (0, ∞), got ${tolerance}`);
  }
  if (!Number.isSafeInteger(maxIterations) || maxIterations < 0) {
    throw new LayerError(`lsuv: maxIterations must be a non-negative integer, got ${maxIterations}`);
  }
  if (net.batchNorm) {
    throw new LayerError('lsuv: the network uses batch normalization, which already gives each layer unit variance');
  }
  const orthogonal = getInitializer('orthogonal');
  for (const affine of net.affineLayers) {
    const { fanIn, fanOut } = affine;
    orthogonal.init({ shape: [fanIn, fanOut], fanIn, fanOut, rng }, affine.weights.data);
  }
  const result: LsuvResult = {
    tolerance,
    maxIterations,
    iterations: [],
    variances: [],
    variancesBefore: affineOutputVariances(net, batch),
  };
  let x = batch;
  for (const layer of net.layers) {
    if (!(layer instanceof Affine)) {
      x = layer.forward(x, false);
      continue;
    }
    const affine = layer;
    let out = affine.forward(x);
    let current = variance(out.data);
    let iterations = 0;
    while (Math.abs(current - 1) >= tolerance && iterations < maxIterations) {
      if (!(current > 0) || !Number.isFinite(current)) {
        throw new LayerError(
          `lsuv: ${affine.name} output variance is ${current} on this batch; cannot rescale it to 1`,
        );
      }
      const scale = 1 / Math.sqrt(current);
      const weights = affine.weights.data;
      for (let i = 0; i < weights.length; i++) weights[i] *= scale;
      iterations++;
      out = affine.forward(x);
      current = variance(out.data);
    }
    result.iterations.push(iterations);
    result.variances.push(current);
    x = out;
  }
  return result;
}
