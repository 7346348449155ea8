import { cpuBackend } from './backends/cpu.js';
import type { MatmulKernel } from './kernels/types.js';

/**
 * The one seam between ops and kernels. A backend computes
 * `out (m×n) = op(A) · op(B)` where op(A) is m×k and op(B) is k×n;
 * with `transposeA` A is stored k×m, with `transposeB` B is stored n×k.
 * Everything else (bias, activations, reductions) is memory-bound and stays on the CPU.
 */
export interface Backend {
  /** The real name of what computes: `cpu`, `gpujs:webasm`, `gpujs:headlessgl`, `gpujs:webgl2`, `gpujs:webgl`. */
  readonly name: string;
  /** Finer detail where one name covers several kernels, e.g. `cpu:wasm-simd` or `cpu:ts`. */
  readonly detail?: string;
  /** Threads computing each large matmul, where more than one can (the cpu backend's `threads`). */
  readonly threads?: number;
  matmul: MatmulKernel;
  /**
   * The same kernels on `threads` threads (results bit-identical), made on first use and disposed with this
   * backend; the cpu backend has it. For work that splits across threads itself and wants fewer per product.
   */
  withThreads?(threads: number): Backend;
  dispose?(): void;
}

/** What `setBackend` may be asked for. */
export type BackendChoice = 'auto' | 'cpu' | 'gpujs';

export { BackendError } from './backend-error.js';

let current: Backend = cpuBackend();

/** The backend ops use now (cpu until `setBackend` picks another). */
export function getBackend(): Backend {
  return current;
}

/** The real name of the backend ops use now, e.g. `cpu` or `gpujs:webgl2`. */
export function backendName(): string {
  return current.name;
}

/**
 * Runs `work` with `backend` as the one ops use, then restores the one before; neither is disposed. For a
 * stretch of work on a sibling of the current backend (`withThreads`).
 */
export function runWithBackend<T>(backend: Backend, work: () => T): T {
  const before = current;
  current = backend;
  try {
    return work();
  } finally {
    current = before;
  }
}

/** Makes `backend` the one ops use; returns its name. */
export function useBackend(backend: Backend): string {
  if (current !== backend) current.dispose?.();
  current = backend;
  return backend.name;
}
