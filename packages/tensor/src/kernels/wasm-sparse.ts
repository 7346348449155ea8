/**
 * The sparse path of the WASM matmuls (matmul.wat, "op(A) mostly zeros"): where at most SPARSE_MAX_DENSITY of
 * op(A) is nonzero, as in a batch of MNIST images (about 1 pixel in 5), C = op(A)·B is formed from op(A)'s
 * nonzeros alone. Each element of C is the same sum in the same order as the dense kernel forms, less terms that
 * are exactly 0·b, so the result is bit-identical to the dense path; B must then be finite (0·∞ is NaN), which is
 * checked. The first layer of an MLP on MNIST, forward (X·W) and for its weight gradient (Xᵀ·dY), runs this way.
 */
import { alignToCacheLine } from './heap-views.js';
import type { Layout, MatmulExports } from './wasm-layout.js';

/** Largest share of nonzeros in op(A) that takes the sparse path; measured faster than dense up to about 0.4. */
export const SPARSE_MAX_DENSITY = 0.3;
/** Fewest columns of C for the sparse path: narrower rows spend more on each entry than they save. */
export const SPARSE_MIN_COLUMNS = 16;

/** Byte offsets of the compressed rows of op(A), placed after a dense layout. */
export interface SparseLayout {
  rowPtr: number;
  cursor: number;
  cols: number;
  vals: number;
  end: number;
}

/** Room for the compressed rows of an m × k op(A) holding up to SPARSE_MAX_DENSITY nonzeros, from `start`. */
export function sparseLayout(start: number, m: number, k: number): SparseLayout {
  const capacity = Math.floor(SPARSE_MAX_DENSITY * m * k);
  const rowPtr = alignToCacheLine(start);
  const cursor = rowPtr + alignToCacheLine((m + 1) * 4);
  const cols = cursor + alignToCacheLine(m * 4);
  const vals = cols + alignToCacheLine(capacity * 4);
  return { rowPtr, cursor, cols, vals, end: vals + capacity * 4 };
}

/** Whether a product's shape allows the sparse path: B stored k × n and C wide enough. */
export function sparseShape(n: number, transposeB: boolean): boolean {
  return !transposeB && n >= SPARSE_MIN_COLUMNS;
}

/**
 * Counts op(A)'s nonzeros per row into `sp.rowPtr` (A and B already at `at`) and says whether the product takes
 * the sparse path: few enough nonzeros, and B finite.
 */
export function takesSparsePath(
  exports: MatmulExports,
  at: Layout,
  sp: SparseLayout,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
): boolean {
  if (transposeA) exports.countColumns(at.a, k, m, 0, m, sp.rowPtr);
  else exports.countRows(at.a, k, 0, m, sp.rowPtr);
  const nonzeros = exports.sumCounts(sp.rowPtr, m);
  return nonzeros <= SPARSE_MAX_DENSITY * m * k && exports.allFinite(at.b, k * n) === 1;
}

/** The sparse product on the calling thread: rows of op(A) compressed, then multiplied, into `at.c`. */
export function runSparseOnOneThread(
  exports: MatmulExports,
  at: Layout,
  sp: SparseLayout,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
): void {
  if (transposeA) exports.fillColumns(at.a, k, m, n * 4, 0, m, sp.rowPtr, sp.cols, sp.vals, sp.cursor);
  else exports.fillRows(at.a, k, n * 4, 0, m, sp.rowPtr, sp.cols, sp.vals);
  exports.spmm(sp.rowPtr, sp.cols, sp.vals, 0, m, at.b, at.c, n, n);
}
