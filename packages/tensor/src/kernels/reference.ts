import type { MatmulKernel } from './types.js';

/**
 * Plain, readable kernels: the reference the fast ones are tested against.
 * `out (m×n) = op(A)·op(B)`; op(A) is m×k (A stored k×m when transposed), op(B) is k×n (stored n×k when transposed).
 */
export const matmulReference: MatmulKernel = (a, b, out, m, k, n, transposeA, transposeB) => {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) {
        const av = transposeA ? a[p * m + i] : a[i * k + p];
        const bv = transposeB ? b[j * k + p] : b[p * n + j];
        sum += av * bv;
      }
      out[i * n + j] = sum;
    }
  }
};
