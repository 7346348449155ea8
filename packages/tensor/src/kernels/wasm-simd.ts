/**
 * Host side of the f32x4 SIMD matmul in wasm/matmul.wat (assembled at build time), and of its
 * relaxed-SIMD twin, the same module with a fused multiply-add in the inner loop.
 *
 * Operands are copied into the module's memory (a memcpy, cheaper than the strided reads
 * JS would need to pack them); there op(B) is packed into 8-column panels and A, unless it
 * is stored transposed, into 4-row strips. The kernel writes C row-major, edges included,
 * so it comes back in one copy. The memory only grows, to the largest product seen, and is
 * reused, as are the views the copies use. Where op(A) is mostly zeros the product takes the
 * sparse path instead (wasm-sparse.ts), with the same result.
 */
import { decodeBase64, HeapViews } from './heap-views.js';
import type { MatmulKernel } from './types.js';
import { copyOperands, layout, scratchOf, type MatmulExports } from './wasm-layout.js';
import { runSparseOnOneThread, sparseLayout, sparseShape, takesSparsePath } from './wasm-sparse.js';
import { MATMUL_WASM_BASE64 } from './wasm/matmul-bytes.generated.js';
import { MATMUL_RELAXED_WASM_BASE64 } from './wasm/matmul-relaxed-bytes.generated.js';

/** Options of the WASM kernels. */
export interface WasmKernelOptions {
  /** Whether products whose op(A) is mostly zeros take the sparse path (default true; false: always dense, for tests and benchmarks). */
  sparse?: boolean;
  /** Told which path each product took (tests and benchmarks). */
  observe?: (path: 'dense' | 'sparse') => void;
}

/** The SIMD kernel, or null where this engine has no WebAssembly SIMD. */
export function createWasmSimdMatmul(options?: WasmKernelOptions): MatmulKernel | null {
  return createMatmul(decodeBase64(MATMUL_WASM_BASE64), options);
}

/**
 * The relaxed-SIMD kernel, or null where this engine has no relaxed SIMD. `f32x4.relaxed_madd`
 * rounds once where the hardware fuses (FMA) and twice where it does not, so its results may
 * differ in the last bits from one machine to another, never from one call to the next.
 */
export function createWasmRelaxedSimdMatmul(options?: WasmKernelOptions): MatmulKernel | null {
  return createMatmul(decodeBase64(MATMUL_RELAXED_WASM_BASE64), options);
}

function createMatmul(
  bytes: Uint8Array<ArrayBuffer>,
  { sparse = true, observe }: WasmKernelOptions = {},
): MatmulKernel | null {
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(bytes)) return null;
  const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as MatmulExports;
  const memory = new HeapViews(exports.memory!);
  const start = exports.operandsStart.value as number;
  exports.initTables();

  /** One product, its operands copied in: leaves C in memory and returns where it starts (bytes). */
  const product = (
    a: Float32Array,
    b: Float32Array,
    m: number,
    k: number,
    n: number,
    transposeA: boolean,
    transposeB: boolean,
  ) => {
    const at = layout(start, m, k, n, transposeA);
    const sp = sparse && sparseShape(n, transposeB) ? sparseLayout(at.end, m, k, transposeA) : null;
    memory.reserve(sp ? sp.end : at.end);
    copyOperands(memory.heap, at, a, b, m, k, n, transposeB);
    const sparsePath = sp !== null && takesSparsePath(exports, at, sp, m, k, n, transposeA);
    if (sparsePath) runSparseOnOneThread(exports, at, sp, m, k, n, transposeA, scratchOf(0));
    else runOnOneThread(exports, at, m, k, n, transposeA, transposeB);
    observe?.(sparsePath ? 'sparse' : 'dense');
    return at.c;
  };

  return (a, b, out, m, k, n, transposeA, transposeB) => {
    if (m === 0 || n === 0) return;
    out.set(memory.view(product(a, b, m, k, n, transposeA, transposeB) >> 2, m * n));
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
