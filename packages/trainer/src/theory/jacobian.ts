import { denseContext, getInitializer, type InitializerSpec } from '@initlab/initializers';
import type { Matrix, Rng } from '@initlab/tensor';
import { SingularValueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { TrainerError } from '../errors.js';

/*
 * The input–output Jacobian of a deep net at initialization (Pennington, Schoenholz & Ganguli 2017, "Resurrecting
 * the sigmoid"): its singular values say whether a signal keeps its shape through the depth (all near 1:
 * dynamical isometry) or is stretched along few directions and crushed along the rest.
 */

/** Activations the Jacobian knows, each as a float64 value and derivative (relu' = 0 at 0, as the book's mask). */
const ACTIVATIONS = {
  tanh: { value: Math.tanh, derivative: (x: number) => 1 - Math.tanh(x) ** 2 },
  relu: { value: (x: number) => (x > 0 ? x : 0), derivative: (x: number) => (x > 0 ? 1 : 0) },
  sigmoid: {
    value: (x: number) => 1 / (1 + Math.exp(-x)),
    derivative: (x: number) => {
      const s = 1 / (1 + Math.exp(-x));
      return s * (1 - s);
    },
  },
  leakyRelu: { value: (x: number) => (x > 0 ? x : 0.01 * x), derivative: (x: number) => (x > 0 ? 1 : 0.01) },
  linear: { value: (x: number) => x, derivative: () => 1 },
} as const;

export type JacobianActivation = keyof typeof ACTIVATIONS;

export interface JacobianOptions {
  /** Square layers L in the product (at least 1). */
  depth: number;
  /** Their width (default 100). */
  width?: number;
  activation: JacobianActivation;
  /** Draws every weight matrix, the first layer's included; biases are 0. */
  initializer: InitializerSpec;
  /** One input per row (e.g. MNIST images, pixels / 255); its columns are the first layer's fanIn. */
  inputs: Matrix;
  /** Draws the weights: first `[inputs.cols, width]`, then the L `[width, width]`, in that order. */
  rng: Rng;
}

/**
 * The singular values of J = ∂h_{L+1}/∂h_1 at each input, pooled (input by input, each descending), as float64.
 * The net: h_1 = φ(x·W_0) with W_0 `[inputs.cols, width]`, then h_{l+1} = φ(h_l·W_l) for the L square layers; so
 * J = W_1 D_1 W_2 D_2 ⋯ W_L D_L (rows as in the book, D_l = diag φ'(h_l·W_l)), the transpose of the column-vector
 * convention's Π D_l W_l, with the same singular values. The weights are drawn in float32 as a `MultiLayerNet`
 * with these hidden sizes draws them (same order, same values); everything after is float64. SVD: ml-matrix.
 */
export function jacobianSingularValues(options: JacobianOptions): Float64Array {
  const { depth, activation, initializer, inputs, rng } = options;
  const width = options.width ?? 100;
  for (const [what, value] of [
    ['depth', depth],
    ['width', width],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new TrainerError(`jacobianSingularValues: ${what} must be a positive integer, got ${value}`);
    }
  }
  const phi = ACTIVATIONS[activation];
  if (!phi) {
    const known = Object.keys(ACTIVATIONS).join(', ');
    throw new TrainerError(`jacobianSingularValues: unknown activation '${String(activation)}' (valid: ${known})`);
  }
  const init = getInitializer(initializer);
  // Drawn in float32 (the net's values), held as float64 so that the products below read one type.
  const draw = (fanIn: number) =>
    Float64Array.from(init.init(denseContext(fanIn, width, rng), new Float32Array(fanIn * width)));
  const first = draw(inputs.cols);
  const layers = Array.from({ length: depth }, () => draw(width));
  const values = new Float64Array(inputs.rows * width);
  const hidden = new Float64Array(width);
  const preActivation = new Float64Array(width);
  let jacobian = new Float64Array(width * width);
  let product = new Float64Array(width * width);
  for (let row = 0; row < inputs.rows; row++) {
    const x = inputs.data.subarray(row * inputs.cols, (row + 1) * inputs.cols);
    multiplyRow(x, first, width, preActivation);
    for (let j = 0; j < width; j++) hidden[j] = phi.value(preActivation[j]);
    jacobian.fill(0);
    for (let i = 0; i < width; i++) jacobian[i * width + i] = 1;
    for (const weights of layers) {
      multiplyRow(hidden, weights, width, preActivation);
      // J ← J·W_l·D_l: the product, then each column j scaled by φ'(pre_j).
      multiplySquare(jacobian, weights, width, product);
      for (let j = 0; j < width; j++) {
        const slope = phi.derivative(preActivation[j]);
        for (let i = 0; i < width; i++) product[i * width + j] *= slope;
        hidden[j] = phi.value(preActivation[j]);
      }
      [jacobian, product] = [product, jacobian];
    }
    values.set(singularValues(jacobian, width), row * width);
  }
  return values;
}

/** out = v·M for a row v and an M of `v.length` rows, `cols` columns. */
function multiplyRow(v: ArrayLike<number>, m: Float64Array, cols: number, out: Float64Array): void {
  out.fill(0);
  for (let k = 0; k < v.length; k++) {
    const scale = v[k];
    if (scale === 0) continue;
    const offset = k * cols;
    for (let j = 0; j < cols; j++) out[j] += scale * m[offset + j];
  }
}

/** out = a·b for n×n row-major a and b. */
function multiplySquare(a: Float64Array, b: Float64Array, n: number, out: Float64Array): void {
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const rowOut = i * n;
    for (let k = 0; k < n; k++) {
      const scale = a[rowOut + k];
      if (scale === 0) continue;
      const offset = k * n;
      for (let j = 0; j < n; j++) out[rowOut + j] += scale * b[offset + j];
    }
  }
}

/** The singular values of an n×n row-major matrix, descending. */
export function singularValues(matrix: Float64Array, n: number): Float64Array {
  const svd = new SingularValueDecomposition(MlMatrix.from1DArray(n, n, matrix), {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
  });
  return Float64Array.from(svd.diagonal).sort().reverse();
}

/** A cell's summary of a pooled spectrum (the jacobian-spectrum preset's metrics). */
export interface SpectrumMetrics {
  svMedian: number;
  svP10: number;
  svP90: number;
  svMax: number;
  /** Standard deviation (population) of log10 σ over the σ above 1e-6·max: the spread in decades. */
  svLog10Std: number;
  /** Share of all σ below 1e-3·max: directions the product has all but lost. */
  svFractionTiny: number;
}

/** Percentile p of ascending `sorted`, interpolating linearly between ranks (NumPy's default). */
function percentile(sorted: Float64Array, p: number): number {
  const position = (p / 100) * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
}

/** The metrics of pooled singular values (any order; at least one). */
export function spectrumMetrics(values: ArrayLike<number>): SpectrumMetrics {
  if (values.length === 0) throw new TrainerError('spectrumMetrics: no singular values given');
  const sorted = Float64Array.from(values).sort();
  const svMax = sorted[sorted.length - 1];
  let count = 0;
  let sum = 0;
  let tiny = 0;
  for (const value of sorted) {
    if (value < 1e-3 * svMax) tiny++;
    if (value > 1e-6 * svMax) {
      count++;
      sum += Math.log10(value);
    }
  }
  // All zero (every unit dead): no spread to measure.
  if (count === 0) return { svMedian: 0, svP10: 0, svP90: 0, svMax, svLog10Std: 0, svFractionTiny: 0 };
  const mean = sum / count;
  let squares = 0;
  for (const value of sorted) if (value > 1e-6 * svMax) squares += (Math.log10(value) - mean) ** 2;
  return {
    svMedian: percentile(sorted, 50),
    svP10: percentile(sorted, 10),
    svP90: percentile(sorted, 90),
    svMax,
    svLog10Std: Math.sqrt(squares / count),
    svFractionTiny: tiny / sorted.length,
  };
}
