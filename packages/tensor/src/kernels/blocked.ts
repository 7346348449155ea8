/**
 * The fast TypeScript matmul, used where WebAssembly SIMD is missing.
 *
 * op(B) is packed once per call into panels of 4 columns (k rows × 4 floats, zero-padded
 * past n), which folds both B layouts into one contiguous stream and keeps a panel in L1.
 * Each 4×4 tile of the result lives in 16 local accumulators (float64, so no rounding
 * between steps); op(A) is read in place through strides, so Aᵀ costs nothing extra.
 * Rows are taken in blocks of ROW_BLOCK so the rows of A a block reads stay in L2 while
 * every panel streams past them.
 */
import type { MatmulKernel } from './types.js';

const ROW_BLOCK = 64;

let panels = new Float32Array(0);

function packPanels(b: Float32Array, k: number, n: number, transposeB: boolean): Float32Array {
  const nPadded = (n + 3) & ~3;
  if (panels.length < nPadded * k) panels = new Float32Array(nPadded * k);
  const packed = panels;
  const step = transposeB ? 1 : n;
  for (let j = 0; j < nPadded; j++) {
    let dst = (j & ~3) * k + (j & 3);
    if (j >= n) {
      for (let p = 0; p < k; p++, dst += 4) packed[dst] = 0;
      continue;
    }
    for (let p = 0, src = transposeB ? j * k : j; p < k; p++, src += step, dst += 4) packed[dst] = b[src];
  }
  return packed;
}

export const matmulBlocked: MatmulKernel = (a, b, out, m, k, n, transposeA, transposeB) => {
  if (m === 0 || n === 0) return;
  const packed = packPanels(b, k, n, transposeB);
  const rowStride = transposeA ? 1 : k;
  const colStride = transposeA ? m : 1;
  const lastRow = m - 1;
  for (let rowBlock = 0; rowBlock < m; rowBlock += ROW_BLOCK) {
    const rowBlockEnd = Math.min(rowBlock + ROW_BLOCK, m);
    for (let j = 0; j < n; j += 4) {
      const panelStart = j * k;
      const panelEnd = panelStart + 4 * k;
      const columns = Math.min(4, n - j);
      for (let i = rowBlock; i < rowBlockEnd; i += 4) {
        // Rows past m repeat the last row: always in bounds (a hole would deoptimise), never stored.
        let a0 = i * rowStride;
        let a1 = Math.min(i + 1, lastRow) * rowStride;
        let a2 = Math.min(i + 2, lastRow) * rowStride;
        let a3 = Math.min(i + 3, lastRow) * rowStride;
        let c00 = 0,
          c01 = 0,
          c02 = 0,
          c03 = 0;
        let c10 = 0,
          c11 = 0,
          c12 = 0,
          c13 = 0;
        let c20 = 0,
          c21 = 0,
          c22 = 0,
          c23 = 0;
        let c30 = 0,
          c31 = 0,
          c32 = 0,
          c33 = 0;
        for (let q = panelStart; q < panelEnd; q += 4) {
          const b0 = packed[q];
          const b1 = packed[q + 1];
          const b2 = packed[q + 2];
          const b3 = packed[q + 3];
          const x0 = a[a0];
          c00 += x0 * b0;
          c01 += x0 * b1;
          c02 += x0 * b2;
          c03 += x0 * b3;
          const x1 = a[a1];
          c10 += x1 * b0;
          c11 += x1 * b1;
          c12 += x1 * b2;
          c13 += x1 * b3;
          const x2 = a[a2];
          c20 += x2 * b0;
          c21 += x2 * b1;
          c22 += x2 * b2;
          c23 += x2 * b3;
          const x3 = a[a3];
          c30 += x3 * b0;
          c31 += x3 * b1;
          c32 += x3 * b2;
          c33 += x3 * b3;
          a0 += colStride;
          a1 += colStride;
          a2 += colStride;
          a3 += colStride;
        }
        const rows = Math.min(4, m - i);
        storeRow(out, i * n + j, columns, c00, c01, c02, c03);
        if (rows > 1) storeRow(out, (i + 1) * n + j, columns, c10, c11, c12, c13);
        if (rows > 2) storeRow(out, (i + 2) * n + j, columns, c20, c21, c22, c23);
        if (rows > 3) storeRow(out, (i + 3) * n + j, columns, c30, c31, c32, c33);
      }
    }
  }
};

function storeRow(
  out: Float32Array,
  at: number,
  columns: number,
  v0: number,
  v1: number,
  v2: number,
  v3: number,
): void {
  out[at] = v0;
  if (columns > 1) out[at + 1] = v1;
  if (columns > 2) out[at + 2] = v2;
  if (columns > 3) out[at + 3] = v3;
}
