import { cpuBackend } from './backends/cpu.js';
import type { Backend } from './backends/types.js';

export type { Backend } from './backends/types.js';

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
