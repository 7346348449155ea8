/**
 * The sparse path of the WASM matmuls (matmul.wat, "op(A) mostly zeros"): where at most SPARSE_MAX_DENSITY of
 * op(A) is nonzero, as in a batch of MNIST images (about 1 pixel in 5), C = op(A)·B is formed from op(A)'s
 * nonzeros. Each element of C is the same sum in the same order as the dense kernel forms, less terms that are
 * exactly 0·b, so the result is bit-identical to the dense path; B must then be finite (0·∞ is NaN), which is
 * checked. The first layer of an MLP on MNIST runs this way, forward (X·W) and for its weight gradient (Xᵀ·dY):
 * - A·B: op(A)'s compressed rows (CSR) times B's rows, 20 columns of C at a time;
 * - Aᵀ·B: op(A)'s 4-row strips without their all-zero steps, through the dense kernel's 4×8 tiles. Rows of op(A)
 *   are pixels there, and neighbouring pixels are zero together: on MNIST this keeps 29 % of the steps for 19 %
 *   nonzeros, at the dense kernel's speed per step, and measured faster than compressed rows.
 */
import { alignToCacheLine } from './heap-views.js';
import { TILE_ROWS, type Layout, type MatmulExports } from './wasm-layout.js';

/** Largest share of nonzeros in op(A) that takes the sparse path; measured faster than dense up to about 0.4. */
export const SPARSE_MAX_DENSITY = 0.3;
/** Fewest columns of C for the sparse path: narrower rows spend more on each entry than they save. */
export const SPARSE_MIN_COLUMNS = 16;

/**
 * Byte offsets of op(A)'s nonzeros, placed after a dense layout: for A·B, row positions (`rowPtr`, m + 1), column
 * offsets and values (`cols`, `vals`, one per nonzero); for Aᵀ·B, steps kept per strip (`rowPtr`), then each
 * strip's step offsets (`cols`, k per strip) and values (`vals`, 4·k per strip).
 */
export interface SparseLayout {
  rowPtr: number;
  cols: number;
  vals: number;
  end: number;
}

/** Room for the nonzeros of an m × k op(A) holding up to SPARSE_MAX_DENSITY of them, from `start`. */
export function sparseLayout(start: number, m: number, k: number, transposeA: boolean): SparseLayout {
  const strips = Math.ceil(m / TILE_ROWS);
  const entries = transposeA ? strips * k : Math.floor(SPARSE_MAX_DENSITY * m * k);
  const rowPtr = alignToCacheLine(start);
  const cols = rowPtr + alignToCacheLine(((transposeA ? strips : m) + 1) * 4);
  const vals = cols + alignToCacheLine(entries * 4);
  return { rowPtr, cols, vals, end: vals + entries * 4 * (transposeA ? TILE_ROWS : 1) };
}

/** Whether a product's shape allows the sparse path: B stored k × n and C wide enough. */
export function sparseShape(n: number, transposeB: boolean): boolean {
  return !transposeB && n >= SPARSE_MIN_COLUMNS;
}

/**
 * Counts op(A)'s nonzeros (per row into `sp.rowPtr` for A·B) with A and B already at `at`, and says whether the
 * product takes the sparse path: few enough nonzeros, and B finite.
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
  let nonzeros: number;
  if (transposeA) nonzeros = exports.countNonzero(at.a, m * k);
  else {
    exports.countRows(at.a, k, 0, m, sp.rowPtr);
    nonzeros = exports.sumCounts(sp.rowPtr, m);
  }
  return nonzeros <= SPARSE_MAX_DENSITY * m * k && exports.allFinite(at.b, k * n) === 1;
}

/** The sparse product on the calling thread, into `at.c` (`scratch`: its edge-tile scratch). */
export function runSparseOnOneThread(
  exports: MatmulExports,
  at: Layout,
  sp: SparseLayout,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  scratch: number,
): void {
  if (transposeA) {
    const strips = Math.ceil(m / TILE_ROWS);
    exports.packB(at.b, at.panels, k, n, 0, n);
    exports.compressStrips(at.a, TILE_ROWS * 4, m * 4, k, 0, strips, sp.vals, sp.cols, sp.rowPtr);
    exports.gemmStrips(sp.vals, sp.cols, sp.rowPtr, at.panels, at.c, m, k, n, 0, strips, scratch);
  } else {
    exports.fillRows(at.a, k, n * 4, 0, m, sp.rowPtr, sp.cols, sp.vals);
    exports.spmm(sp.rowPtr, sp.cols, sp.vals, 0, m, at.b, at.c, n, n);
  }
}
