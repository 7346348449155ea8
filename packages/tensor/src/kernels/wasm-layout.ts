import { alignToCacheLine, leading } from './heap-views.js';

/** Rows of op(A) per strip and columns of op(B) per panel in matmul.wat's 4×8 tile. */
export const TILE_ROWS = 4;
export const PANEL_COLUMNS = 8;

/** Most threads per product: matmul.wat has edge-tile scratch for 16. */
export const MAX_THREADS = 16;

/** Where thread t's 128 bytes of edge-tile scratch start in matmul.wat's memory (thread 0: the calling one). */
export function scratchOf(thread: number): number {
  return 128 + thread * 128;
}

/** What both matmul modules export (the threaded one adds `work`). */
export interface MatmulExports {
  memory?: WebAssembly.Memory;
  operandsStart: WebAssembly.Global;
  packA(a: number, strip: number, m: number, k: number): void;
  packB(b: number, panel: number, k: number, n: number, transposeB: number, ldb: number): void;
  gemm(
    a: number,
    aStep: number,
    aStrip: number,
    panel: number,
    c: number,
    m: number,
    k: number,
    n: number,
    ldc: number,
    scratch: number,
  ): void;
  /** The sparse path (wasm-sparse.ts): counting, compressing and multiplying op(A)'s nonzeros. */
  countRows(a: number, k: number, first: number, end: number, rowPtr: number): void;
  countNonzero(a: number, length: number): number;
  sumCounts(rowPtr: number, m: number): number;
  allFinite(a: number, length: number): number;
  fillRows(
    a: number,
    k: number,
    rowBytes: number,
    first: number,
    end: number,
    rowPtr: number,
    cols: number,
    vals: number,
  ): void;
  compressStrips(
    src: number,
    stripBytes: number,
    stepBytes: number,
    k: number,
    first: number,
    end: number,
    values: number,
    offsets: number,
    counts: number,
  ): void;
  gemmStrips(
    values: number,
    offsets: number,
    counts: number,
    panel: number,
    c: number,
    m: number,
    k: number,
    n: number,
    first: number,
    end: number,
    scratch: number,
  ): void;
  spmm(
    rowPtr: number,
    cols: number,
    vals: number,
    first: number,
    end: number,
    b: number,
    c: number,
    n: number,
    ldc: number,
  ): void;
  /** Writes the tables the sparse path reads; once per memory, before the first product. */
  initTables(): void;
}

/** Byte offsets of one product's operands in module memory, and the bytes it needs. */
export interface Layout {
  a: number;
  b: number;
  /** Where op(A)'s strips are: A itself when stored transposed, else its packed copy. */
  strips: number;
  panels: number;
  c: number;
  end: number;
  /** Bytes between consecutive strips, and per k step within one. */
  aStrip: number;
  aStep: number;
}

/**
 * Places A, B, the packed strips and panels, and C one after another from `start`, each on its own cache lines.
 * A gets zero rows up to a whole strip and one zero row more (stored transposed, the last strip reads up to 3
 * floats past A); B stored transposed gets zero rows up to a whole panel.
 */
export function layout(start: number, m: number, k: number, n: number, transposeA: boolean): Layout {
  const mPadded = Math.ceil(m / TILE_ROWS) * TILE_ROWS;
  const nPadded = Math.ceil(n / PANEL_COLUMNS) * PANEL_COLUMNS;
  const a = alignToCacheLine(start);
  const b = a + alignToCacheLine((mPadded * k + TILE_ROWS) * 4);
  const packedA = b + alignToCacheLine(nPadded * k * 4);
  const panels = packedA + (transposeA ? 0 : alignToCacheLine(mPadded * k * 4));
  const c = panels + alignToCacheLine(nPadded * k * 4);
  return {
    a,
    b,
    strips: transposeA ? a : packedA,
    panels,
    c,
    end: c + m * n * 4,
    aStrip: transposeA ? TILE_ROWS * 4 : TILE_ROWS * k * 4,
    aStep: transposeA ? m * 4 : TILE_ROWS * 4,
  };
}

/** Copies A and B to where `at` places them, with the zero padding the kernels read. */
export function copyOperands(
  heap: Float32Array,
  at: Layout,
  a: Float32Array,
  b: Float32Array,
  m: number,
  k: number,
  n: number,
  transposeB: boolean,
): void {
  const aIndex = at.a >> 2;
  const bIndex = at.b >> 2;
  const mPadded = Math.ceil(m / TILE_ROWS) * TILE_ROWS;
  const nPadded = Math.ceil(n / PANEL_COLUMNS) * PANEL_COLUMNS;
  heap.set(leading(a, m * k), aIndex);
  heap.fill(0, aIndex + m * k, aIndex + mPadded * k + TILE_ROWS);
  heap.set(leading(b, k * n), bIndex);
  if (transposeB) heap.fill(0, bIndex + k * n, bIndex + k * nPadded);
}
