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
import { decodeBase64, HeapViews } from './heap-views.js';
import type { MatmulKernel } from './types.js';
import { copyOperands, layout, scratchOf, type MatmulExports } from './wasm-layout.js';
import { MATMUL_WASM_BASE64 } from './wasm/matmul-bytes.generated.js';
import { MATMUL_RELAXED_WASM_BASE64 } from './wasm/matmul-relaxed-bytes.generated.js';

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
  const memory = new HeapViews(exports.memory!);
  const start = exports.operandsStart.value as number;

  return (a, b, out, m, k, n, transposeA, transposeB) => {
    if (m === 0 || n === 0) return;
    const at = layout(start, m, k, n, transposeA);
    memory.reserve(at.end);
    copyOperands(memory.heap, at, a, b, m, k, n, transposeB);
    runOnOneThread(exports, at, m, k, n, transposeA, transposeB);
    out.set(memory.view(at.c >> 2, m * n));
  };
}

/** Packs and multiplies operands already copied to `at`, on the calling thread. */
function runOnOneThread(
  exports: MatmulExports,
  at: ReturnType<typeof layout>,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
): void {
  exports.packB(at.b, at.panels, k, n, transposeB ? 1 : 0, n);
  if (!transposeA) exports.packA(at.a, at.strips, m, k);
  exports.gemm(at.strips, at.aStep, at.aStrip, at.panels, at.c, m, k, n, n, scratchOf(0));
}
