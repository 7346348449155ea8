import { BackendError, type Backend } from '../backend.js';
import { matmulBlocked } from '../kernels/blocked.js';
import type { MatmulKernel } from '../kernels/types.js';
import { createWasmSimdMatmul } from '../kernels/wasm-simd.js';

/** Which cpu matmul runs: the WASM SIMD one where the engine has SIMD, else TypeScript. */
export type CpuKernelChoice = 'auto' | 'wasm-simd' | 'ts';

let wasmSimd: MatmulKernel | null | undefined;

/** The WASM SIMD kernel, instantiated on first use; null where WebAssembly SIMD is missing. */
function wasmSimdKernel(): MatmulKernel | null {
  if (wasmSimd === undefined) wasmSimd = createWasmSimdMatmul();
  return wasmSimd;
}

/** Whether this engine runs the WASM SIMD matmul. */
export function hasWasmSimd(): boolean {
  return wasmSimdKernel() !== null;
}

/**
 * The cpu backend. Its name is always `cpu`; `detail` says which kernel runs
 * (`cpu:wasm-simd` or `cpu:ts`). The choice is settled on the first matmul so that
 * importing the package instantiates nothing.
 */
export function cpuBackend(choice: CpuKernelChoice = 'auto'): Backend {
  if (choice === 'wasm-simd' && !hasWasmSimd()) {
    throw new BackendError("cpu kernel 'wasm-simd' needs WebAssembly SIMD, which this engine lacks; available: 'ts'");
  }
  let kernel: MatmulKernel | undefined;
  const resolve = (): MatmulKernel => (kernel ??= choice === 'ts' ? matmulBlocked : (wasmSimdKernel() ?? matmulBlocked));
  return {
    name: 'cpu',
    get detail() {
      return resolve() === matmulBlocked ? 'cpu:ts' : 'cpu:wasm-simd';
    },
    matmul(a, b, out, m, k, n, transposeA, transposeB) {
      resolve()(a, b, out, m, k, n, transposeA, transposeB);
    },
  };
}
