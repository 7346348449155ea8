import type { MatmulKernel } from '../kernels/types.js';

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
