import { createRng, Matrix } from '../src/index.js';

/** A rows×cols matrix of seeded N(0, 1) values. */
export function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const m = Matrix.zeros(rows, cols);
  createRng(seed).fillNormal(m.data, 1);
  return m;
}

/**
 * op(A)·op(B) in float64, plus the scale Σ|a·b| of each entry: float32 summation
 * errs by about (√k·ε)·scale, so agreement is judged against that, not |result|.
 */
export function matmulFloat64(
  a: Matrix,
  b: Matrix,
  transposeA: boolean,
  transposeB: boolean,
): { value: Float64Array; scale: Float64Array; m: number; n: number } {
  const m = transposeA ? a.cols : a.rows;
  const k = transposeA ? a.rows : a.cols;
  const n = transposeB ? b.rows : b.cols;
  const value = new Float64Array(m * n);
  const scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const av = transposeA ? a.data[p * m + i] : a.data[i * k + p];
      for (let j = 0; j < n; j++) {
        const product = av * (transposeB ? b.data[j * k + p] : b.data[p * n + j]);
        value[i * n + j] += product;
        scale[i * n + j] += Math.abs(product);
      }
    }
  }
  return { value, scale, m, n };
}

/** The index of the first entry where |got − want| > tolerance·(scale + |want|), or −1. */
export function firstMismatch(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  tolerance: number,
  scale?: ArrayLike<number>,
): number {
  if (got.length !== want.length) return 0;
  for (let i = 0; i < want.length; i++) {
    const bound = tolerance * ((scale ? scale[i] : 0) + Math.abs(want[i])) + 1e-30;
    if (!(Math.abs(got[i] - want[i]) <= bound)) return i;
  }
  return -1;
}

/** Index of the first value whose bits differ, or −1 (vitest's deep equality is slow on 200 000 floats). */
export function firstDifference(actual: Float32Array, expected: Float32Array): number {
  if (actual.length !== expected.length) return Math.min(actual.length, expected.length);
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const e = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  return e.findIndex((bits, i) => a[i] !== bits);
}
