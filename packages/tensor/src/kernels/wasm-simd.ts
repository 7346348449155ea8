/**
 * Host side of the f32x4 SIMD matmul in wasm/matmul.wat (assembled at build time).
 *
 * Operands are copied into the module's memory (a memcpy, cheaper than the strided reads
 * JS would need to pack them), packed there into 4-row strips and 8-column panels, and the
 * result comes back from a C buffer padded to whole 4×8 tiles. The memory only grows, to the
 * largest product seen, and is reused.
 */
import type { MatmulKernel } from './types.js';
import { MATMUL_WASM_BASE64 } from './wasm/matmul-bytes.generated.js';

interface MatmulExports {
  memory: WebAssembly.Memory;
  packA(a: number, rowStride: number, colStride: number, strip: number, m: number, k: number): void;
  packB(b: number, panel: number, k: number, n: number, transposeB: number): void;
  gemm(strip: number, panel: number, c: number, m: number, k: number, nPadded: number): void;
}

const PAGE_BYTES = 65536;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Byte offset rounded up to 16 so every region starts v128-aligned. */
function align(bytes: number): number {
  return (bytes + 15) & ~15;
}

/** The SIMD kernel, or null where this engine has no WebAssembly SIMD. */
export function createWasmSimdMatmul(): MatmulKernel | null {
  if (typeof WebAssembly !== 'object') return null;
  const bytes = decodeBase64(MATMUL_WASM_BASE64);
  if (!WebAssembly.validate(bytes)) return null;
  const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as MatmulExports;
  const { memory } = exports;
  let heap = new Float32Array(memory.buffer);

  return (a, b, out, m, k, n, transposeA, transposeB) => {
    if (m === 0 || n === 0) return;
    const mPadded = (m + 3) & ~3;
    const nPadded = (n + 7) & ~7;
    const bAt = align(m * k * 4);
    const stripAt = bAt + align(k * n * 4);
    const panelAt = stripAt + align(mPadded * k * 4);
    const cAt = panelAt + align(nPadded * k * 4);
    const needed = cAt + mPadded * nPadded * 4;
    if (needed > memory.buffer.byteLength) {
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE_BYTES));
      heap = new Float32Array(memory.buffer);
    }
    heap.set(a.subarray(0, m * k), 0);
    heap.set(b.subarray(0, k * n), bAt >> 2);
    exports.packA(0, (transposeA ? 1 : k) * 4, (transposeA ? m : 1) * 4, stripAt, m, k);
    exports.packB(bAt, panelAt, k, n, transposeB ? 1 : 0);
    exports.gemm(stripAt, panelAt, cAt, m, k, nPadded);
    const c = cAt >> 2;
    if (nPadded === n) {
      out.set(heap.subarray(c, c + m * n));
    } else {
      for (let i = 0; i < m; i++) out.set(heap.subarray(c + i * nPadded, c + i * nPadded + n), i * n);
    }
  };
}
