import { BackendError, type Backend } from '../backend.js';
import { matmulBlocked } from '../kernels/blocked.js';
import type { MatmulKernel } from '../kernels/types.js';
import { createWasmRelaxedSimdMatmul, createWasmSimdMatmul } from '../kernels/wasm-simd.js';

/**
 * Which cpu matmul runs. `auto` takes the first this engine runs of `wasm-relaxed-simd`
 * (fused multiply-add), `wasm-simd` and `ts` (TypeScript).
 */
export type CpuKernelChoice = 'auto' | 'wasm-relaxed-simd' | 'wasm-simd' | 'ts';

let wasmSimd: MatmulKernel | null | undefined;
let wasmRelaxedSimd: MatmulKernel | null | undefined;

/** The WASM SIMD kernel, instantiated on first use; null where WebAssembly SIMD is missing. */
function wasmSimdKernel(): MatmulKernel | null {
  if (wasmSimd === undefined) wasmSimd = createWasmSimdMatmul();
  return wasmSimd;
}

/**
 * Node 20's V8 (11.3) validates relaxed SIMD only behind `--experimental-wasm-relaxed-simd`; V8
 * reads the flag when it validates a module, so setting it now, before the first relaxed module,
 * is enough, and it holds for the whole process, worker threads included. Newer Node and current
 * browsers have relaxed SIMD on already and never get here. Only in Node: a browser's flags are
 * not the page's to set, and `process.getBuiltinModule` (Node 20.16+) is invisible to bundlers.
 * Returns whether the flag was set.
 */
function allowRelaxedSimdInNode(): boolean {
  const host = typeof process === 'object' ? process : undefined;
  if (typeof host?.versions?.node !== 'string' || typeof host.getBuiltinModule !== 'function') return false;
  try {
    host.getBuiltinModule('node:v8').setFlagsFromString('--experimental-wasm-relaxed-simd');
    return true;
  } catch {
    // Runtimes that imitate Node without V8 may lack the call; they keep the plain SIMD kernel.
    return false;
  }
}

/** The relaxed-SIMD kernel, instantiated on first use; null where the engine cannot run relaxed SIMD. */
function wasmRelaxedSimdKernel(): MatmulKernel | null {
  if (wasmRelaxedSimd === undefined) {
    wasmRelaxedSimd = createWasmRelaxedSimdMatmul() ?? (allowRelaxedSimdInNode() ? createWasmRelaxedSimdMatmul() : null);
  }
  return wasmRelaxedSimd;
}

/** Whether this engine runs the WASM SIMD matmul. */
export function hasWasmSimd(): boolean {
  return wasmSimdKernel() !== null;
}

/**
 * Whether this engine runs the relaxed-SIMD matmul (in Node 20 this sets V8's relaxed-SIMD
 * flag for the process, as the cpu backend's first matmul would).
 */
export function hasWasmRelaxedSimd(): boolean {
  return wasmRelaxedSimdKernel() !== null;
}

/** A settled choice: the kernel and the backend `detail` that names it. */
interface CpuKernel {
  matmul: MatmulKernel;
  detail: string;
}

function pick(choice: CpuKernelChoice): CpuKernel {
  if (choice !== 'ts') {
    const relaxed = choice === 'wasm-simd' ? null : wasmRelaxedSimdKernel();
    if (relaxed) return { matmul: relaxed, detail: 'cpu:wasm-relaxed-simd' };
    const simd = wasmSimdKernel();
    if (simd) return { matmul: simd, detail: 'cpu:wasm-simd' };
  }
  return { matmul: matmulBlocked, detail: 'cpu:ts' };
}

/**
 * The cpu backend. Its name is always `cpu`; `detail` says which kernel runs
 * (`cpu:wasm-relaxed-simd`, `cpu:wasm-simd` or `cpu:ts`). The choice is settled on the first
 * matmul so that importing the package instantiates nothing and sets no engine flag.
 */
export function cpuBackend(choice: CpuKernelChoice = 'auto'): Backend {
  if (choice === 'wasm-simd' && !hasWasmSimd()) {
    throw new BackendError("cpu kernel 'wasm-simd' needs WebAssembly SIMD, which this engine lacks; available: 'ts'");
  }
  if (choice === 'wasm-relaxed-simd' && !hasWasmRelaxedSimd()) {
    const available = hasWasmSimd() ? "'wasm-simd', 'ts'" : "'ts'";
    throw new BackendError(
      `cpu kernel 'wasm-relaxed-simd' needs WebAssembly relaxed SIMD, which this engine lacks; available: ${available}`,
    );
  }
  let kernel: CpuKernel | undefined;
  const resolve = (): CpuKernel => (kernel ??= pick(choice));
  return {
    name: 'cpu',
    get detail() {
      return resolve().detail;
    },
    matmul(a, b, out, m, k, n, transposeA, transposeB) {
      resolve().matmul(a, b, out, m, k, n, transposeA, transposeB);
    },
  };
}
