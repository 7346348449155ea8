import { BackendError } from '../backend-error.js';
import { matmulBlocked } from '../kernels/blocked.js';
import type { MatmulKernel } from '../kernels/types.js';
import { createWasmRelaxedSimdMatmul, createWasmSimdMatmul } from '../kernels/wasm-simd.js';
import { MAX_THREADS } from '../kernels/wasm-layout.js';
import { createThreadedMatmul, threadsUnavailable } from '../kernels/wasm-threads.js';
import type { Backend } from './types.js';

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
    wasmRelaxedSimd =
      createWasmRelaxedSimdMatmul() ?? (allowRelaxedSimdInNode() ? createWasmRelaxedSimdMatmul() : null);
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

/** Options of `cpuBackend`. */
export interface CpuBackendOptions {
  /**
   * Threads that share each large matmul (default 1): the calling thread and `threads - 1` helper threads
   * started with the backend (worker threads in Node, Web Workers in a browser, which must then be
   * cross-origin isolated). Results are bit-identical for every thread count. Needs a WASM kernel.
   */
  threads?: number;
}

/** A settled choice: the kernel, the backend `detail` that names it and what stops its threads. */
interface CpuKernel {
  matmul: MatmulKernel;
  detail: string;
  threads: number;
  dispose?(): void;
}

function pick(choice: CpuKernelChoice, threads: number): CpuKernel {
  if (choice !== 'ts') {
    const relaxed = choice === 'wasm-simd' ? null : wasmRelaxedSimdKernel();
    const name = relaxed ? 'cpu:wasm-relaxed-simd' : 'cpu:wasm-simd';
    const single = relaxed ?? wasmSimdKernel();
    if (threads > 1 && single) {
      const threaded = createThreadedMatmul(threads, relaxed !== null, single);
      if (threaded) {
        return { matmul: threaded.matmul, detail: `${name}×${threads}`, threads, dispose: threaded.dispose };
      }
    }
    if (relaxed) return { matmul: relaxed, detail: name, threads: 1 };
    const simd = wasmSimdKernel();
    if (simd) return { matmul: simd, detail: name, threads: 1 };
  }
  return { matmul: matmulBlocked, detail: 'cpu:ts', threads: 1 };
}

function checkThreads(choice: CpuKernelChoice, threads: number): void {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new BackendError(`cpu threads must be a whole number from 1 to ${MAX_THREADS}, got ${threads}`);
  }
  if (threads === 1) return;
  if (choice === 'ts' || !hasWasmSimd()) {
    throw new BackendError(
      `cpu threads: ${threads} needs a WASM kernel ('auto', 'wasm-relaxed-simd' or 'wasm-simd'); use threads: 1 with 'ts'`,
    );
  }
  const why = threadsUnavailable();
  if (why) throw new BackendError(`cpu threads: ${threads} cannot run: ${why}; use threads: 1`);
}

/**
 * The cpu backend. Its name is always `cpu`; `detail` says which kernel runs
 * (`cpu:wasm-relaxed-simd`, `cpu:wasm-simd` or `cpu:ts`, with `×N` on N threads). The choice is
 * settled on the first matmul so that importing the package instantiates nothing and sets no engine
 * flag; helper threads start then too, and stop with `dispose()`.
 */
export function cpuBackend(choice: CpuKernelChoice = 'auto', options: CpuBackendOptions = {}): Backend {
  const { threads = 1 } = options;
  if (choice === 'wasm-simd' && !hasWasmSimd()) {
    throw new BackendError("cpu kernel 'wasm-simd' needs WebAssembly SIMD, which this engine lacks; available: 'ts'");
  }
  if (choice === 'wasm-relaxed-simd' && !hasWasmRelaxedSimd()) {
    const available = hasWasmSimd() ? "'wasm-simd', 'ts'" : "'ts'";
    throw new BackendError(
      `cpu kernel 'wasm-relaxed-simd' needs WebAssembly relaxed SIMD, which this engine lacks; available: ${available}`,
    );
  }
  checkThreads(choice, threads);
  let kernel: CpuKernel | undefined;
  const resolve = (): CpuKernel => (kernel ??= pick(choice, threads));
  const siblings = new Map<number, Backend>();
  const backend: Backend = {
    name: 'cpu',
    get detail() {
      return resolve().detail;
    },
    get threads() {
      return resolve().threads;
    },
    matmul(a, b, out, m, k, n, transposeA, transposeB) {
      resolve().matmul(a, b, out, m, k, n, transposeA, transposeB);
    },
    withThreads(count) {
      if (count === threads) return backend;
      let sibling = siblings.get(count);
      if (!sibling) {
        sibling = cpuBackend(choice, { threads: count });
        siblings.set(count, sibling);
      }
      return sibling;
    },
    dispose() {
      kernel?.dispose?.();
      kernel = undefined;
      for (const sibling of siblings.values()) sibling.dispose?.();
      siblings.clear();
    },
  };
  return backend;
}
