/**
 * Float64 restatements of the layers, written from the formulas rather than from the package's code, and a
 * centered finite-difference gradient over them. Float32 differences would be swamped by rounding.
 */
import { createRng, Matrix } from '@initlab/tensor';

/** A row-major float64 matrix for the reference computations. */
export interface Dense {
  data: Float64Array;
  rows: number;
  cols: number;
}

export function toDense(m: Matrix | Float32Array, rows?: number, cols?: number): Dense {
  if (m instanceof Matrix) return { data: Float64Array.from(m.data), rows: m.rows, cols: m.cols };
  return { data: Float64Array.from(m), rows: rows ?? 1, cols: cols ?? m.length };
}

export function randomMatrix(seed: number, rows: number, cols: number, scale = 1): Matrix {
  const rng = createRng(seed);
  return Matrix.from(rng.fillNormal(new Float32Array(rows * cols), scale), rows, cols);
}

export function affine64(x: Dense, w: Dense, b: Float64Array): Dense {
  const out = new Float64Array(x.rows * w.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < w.cols; j++) {
      let sum = b[j];
      for (let p = 0; p < x.cols; p++) sum += x.data[i * x.cols + p] * w.data[p * w.cols + j];
      out[i * w.cols + j] = sum;
    }
  }
  return { data: out, rows: x.rows, cols: w.cols };
}

export const activation64: Record<string, (v: number) => number> = {
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  relu: (v) => Math.max(0, v),
  tanh: (v) => Math.tanh(v),
  leakyRelu: (v) => (v > 0 ? v : 0.01 * v),
  linear: (v) => v,
};

export function map64(x: Dense, f: (v: number) => number): Dense {
  return { data: x.data.map(f), rows: x.rows, cols: x.cols };
}

/** Training-mode batch norm with the book's ε = 10e-7. */
export function batchNorm64(x: Dense, gamma: Float64Array, beta: Float64Array): Dense {
  const out = new Float64Array(x.data.length);
  for (let j = 0; j < x.cols; j++) {
    let mean = 0;
    for (let i = 0; i < x.rows; i++) mean += x.data[i * x.cols + j];
    mean /= x.rows;
    let variance = 0;
    for (let i = 0; i < x.rows; i++) variance += (x.data[i * x.cols + j] - mean) ** 2;
    variance /= x.rows;
    for (let i = 0; i < x.rows; i++) {
      out[i * x.cols + j] = (gamma[j] * (x.data[i * x.cols + j] - mean)) / Math.sqrt(variance + 10e-7) + beta[j];
    }
  }
  return { data: out, rows: x.rows, cols: x.cols };
}

/** −mean log softmax(x)[label], from the definition of softmax (no shift needed at these sizes). */
export function crossEntropy64(x: Dense, labels: Int32Array): number {
  let total = 0;
  for (let i = 0; i < x.rows; i++) {
    let sum = 0;
    for (let j = 0; j < x.cols; j++) sum += Math.exp(x.data[i * x.cols + j]);
    total -= Math.log(Math.exp(x.data[i * x.cols + labels[i]]) / sum);
  }
  return total / x.rows;
}

/** Σ out ⊙ upstream: a scalar whose gradient with respect to out is `upstream`. */
export function weighted(out: Dense, upstream: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < out.data.length; i++) sum += out.data[i] * upstream[i];
  return sum;
}

/** ∂f/∂values[i] for every i by centered differences, moving one float64 entry at a time. */
export function numericGradient(f: () => number, values: Float64Array, step = 1e-6): Float64Array {
  const gradient = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const saved = values[i];
    values[i] = saved + step;
    const plus = f();
    values[i] = saved - step;
    const minus = f();
    values[i] = saved;
    gradient[i] = (plus - minus) / (2 * step);
  }
  return gradient;
}

/**
 * ‖analytic − numeric‖ / max(‖numeric‖, floor): about 1e-6 when right (float32 analytic), order 1 for a wrong sign
 * or a missing term. `floor` keeps a gradient that is zero in exact arithmetic (a bias before batch norm) from
 * dividing float32 rounding by zero.
 */
export function relativeError(analytic: ArrayLike<number>, numeric: ArrayLike<number>, floor = 1e-12): number {
  let difference = 0;
  let norm = 0;
  for (let i = 0; i < numeric.length; i++) {
    difference += (analytic[i] - numeric[i]) ** 2;
    norm += numeric[i] ** 2;
  }
  return Math.sqrt(difference) / Math.max(Math.sqrt(norm), floor);
}
