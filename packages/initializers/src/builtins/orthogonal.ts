import type { Rng } from '@initlab/tensor';
import { defineInitializer } from '../define.js';

/**
 * Orthonormal columns of a tall `rows × cols` float64 matrix (row-major, rows ≥ cols), in place:
 * Householder QR, then Q multiplied by sign(diag(R)) so the result is unique — the Haar-distributed
 * orthogonal matrix that NumPy's `q * np.sign(np.diag(r))` gives for the same input.
 */
export function orthonormalColumns(a: Float64Array, rows: number, cols: number): Float64Array {
  const reflectors: Float64Array[] = [];
  const signs = new Float64Array(cols);
  for (let k = 0; k < cols; k++) {
    let norm = 0;
    for (let i = k; i < rows; i++) norm += a[i * cols + k] * a[i * cols + k];
    norm = Math.sqrt(norm);
    const head = a[k * cols + k];
    // Reflect x onto -sign(x₀)·‖x‖·e₀ so that v = x − α·e₀ never cancels; then R[k][k] = α.
    const alpha = head >= 0 ? -norm : norm;
    const v = new Float64Array(rows - k);
    for (let i = k; i < rows; i++) v[i - k] = a[i * cols + k];
    v[0] -= alpha;
    let vNormSquared = 0;
    for (let i = 0; i < v.length; i++) vNormSquared += v[i] * v[i];
    signs[k] = alpha < 0 ? -1 : 1;
    if (vNormSquared > 0) {
      for (let j = k; j < cols; j++) {
        let dot = 0;
        for (let i = k; i < rows; i++) dot += v[i - k] * a[i * cols + j];
        const factor = (2 * dot) / vNormSquared;
        for (let i = k; i < rows; i++) a[i * cols + j] -= factor * v[i - k];
      }
    }
    reflectors.push(v.map((value) => value / Math.sqrt(vNormSquared || 1)));
  }
  // Q = H₀·H₁·…·H_{n−1} applied to the first `cols` columns of the identity, last reflector first.
  a.fill(0);
  for (let j = 0; j < cols; j++) a[j * cols + j] = 1;
  for (let k = cols - 1; k >= 0; k--) {
    const v = reflectors[k];
    for (let j = 0; j < cols; j++) {
      let dot = 0;
      for (let i = k; i < rows; i++) dot += v[i - k] * a[i * cols + j];
      for (let i = k; i < rows; i++) a[i * cols + j] -= 2 * dot * v[i - k];
    }
  }
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) a[i * cols + j] *= signs[j];
  return a;
}

/**
 * A random `rows × cols` matrix with orthonormal columns (rows ≥ cols) or rows (rows < cols), from
 * `randn(rows, cols)` as PyTorch's `orthogonal_` does it: the wide case factors the transpose.
 */
export function randomOrthogonal(rng: Rng, rows: number, cols: number): Float64Array {
  const tall = rows >= cols;
  const height = tall ? rows : cols;
  const width = tall ? cols : rows;
  const matrix = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) matrix[tall ? i * cols + j : j * rows + i] = rng.nextGaussian();
  }
  orthonormalColumns(matrix, height, width);
  if (tall) return matrix;
  const result = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) result[i * cols + j] = matrix[j * rows + i];
  return result;
}

/** Saxe et al. (2014): a (semi-)orthogonal matrix times gain; keeps every singular value equal to gain. */
export const orthogonal = defineInitializer({
  name: 'orthogonal',
  description: 'gain × a random orthogonal matrix (orthonormal columns, or rows when fanIn < fanOut)',
  params: {
    gain: {
      type: 'number',
      default: 1,
      min: 0,
      exclusiveMin: true,
      description: 'multiplier on the orthogonal matrix',
    },
  },
  init: ({ shape, rng }, { gain }, out) => {
    const q = randomOrthogonal(rng, shape[0], shape[1]);
    for (let i = 0; i < out.length; i++) out[i] = Math.fround(gain * q[i]);
  },
});
