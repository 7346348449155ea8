/**
 * Host side of the f32x4 SIMD matmul in wasm/matmul.wat (assembled at build time), and of its
 * relaxed-SIMD twin, the same module with a fused multiply-add in the inner loop.
 *
 * Operands are copied into the module's memory (a memcpy, cheaper than the strided reads
 * JS would need to pack them); there op(B) is packed into 8-column panels and A, unless it
 * is stored transposed, into 4-row strips. The kernel writes C row-major, edges included,
 * so it comes back in one copy. The memory only grows, to the largest product seen, and is
 * reused, as are the views the copies use.
 */
import { alignToCacheLine, decodeBase64, HeapViews, leading } from './heap-views.js';
import type { MatmulKernel } from './types.js';
import { MATMUL_WASM_BASE64 } from './wasm/matmul-bytes.generated.js';
import { MATMUL_RELAXED_WASM_BASE64 } from './wasm/matmul-relaxed-bytes.generated.js';

interface MatmulExports {
  memory: WebAssembly.Memory;
  scratchBytes: WebAssembly.Global;
  packA(a: number, strip: number, m: number, k: number): void;
  packB(b: number, panel: number, k: number, n: number, transposeB: number): void;
  gemm(a: number, aStep: number, aStrip: number, panel: number, c: number, m: number, k: number, n: number): void;
}

const TILE_ROWS = 4;
const PANEL_COLUMNS = 8;

/** The SIMD kernel, or null where this engine has no WebAssembly SIMD. */
export function createWasmSimdMatmul(): MatmulKernel | null {
  return createMatmul(decodeBase64(MATMUL_WASM_BASE64));
}

/**
 * The relaxed-SIMD kernel, or null where this engine has no relaxed SIMD. `f32x4.relaxed_madd`
 * rounds once where the hardware fuses (FMA) and twice where it does not, so its results may
 * differ in the last bits from one machine to another, never from one call to the next.
 */
export function createWasmRelaxedSimdMatmul(): MatmulKernel | null {
  return createMatmul(decodeBase64(MATMUL_RELAXED_WASM_BASE64));
}

function createMatmul(bytes: Uint8Array<ArrayBuffer>): MatmulKernel | null {
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(bytes)) return null;
  const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as MatmulExports;
  const memory = new HeapViews(exports.memory);
  const aAt = alignToCacheLine(exports.scratchBytes.value as number);

  return (a, b, out, m, k, n, transposeA, transposeB) => {
    if (m === 0 || n === 0) return;
    const mPadded = Math.ceil(m / TILE_ROWS) * TILE_ROWS;
    const nPadded = Math.ceil(n / PANEL_COLUMNS) * PANEL_COLUMNS;
    // A gets zero rows up to mPadded (packA reads 4 rows at a time) and one zero row more
    // (stored transposed, the last strip reads up to 3 floats past A).
    const bAt = aAt + alignToCacheLine((mPadded * k + TILE_ROWS) * 4);
    const stripAt = bAt + alignToCacheLine(nPadded * k * 4);
    const panelAt = stripAt + (transposeA ? 0 : alignToCacheLine(mPadded * k * 4));
    const cAt = panelAt + alignToCacheLine(nPadded * k * 4);
    memory.reserve(cAt + m * n * 4);
    const heap = memory.heap;
    const aIndex = aAt >> 2;
    const bIndex = bAt >> 2;
    heap.set(leading(a, m * k), aIndex);
    heap.fill(0, aIndex + m * k, aIndex + mPadded * k + TILE_ROWS);
    heap.set(leading(b, k * n), bIndex);
    // Stored n × k, B gets zero rows up to nPadded: packB reads them as whole panels.
    if (transposeB) heap.fill(0, bIndex + k * n, bIndex + k * nPadded);
    exports.packB(bAt, panelAt, k, n, transposeB ? 1 : 0);
    if (transposeA) {
      exports.gemm(aAt, m * 4, TILE_ROWS * 4, panelAt, cAt, m, k, n);
    } else {
      exports.packA(aAt, stripAt, m, k);
      exports.gemm(stripAt, TILE_ROWS * 4, TILE_ROWS * k * 4, panelAt, cAt, m, k, n);
    }
    const c = cAt >> 2;
    out.set(memory.view(c, m * n));
  };
}
