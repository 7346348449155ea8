import { BackendError, useBackend, type Backend, type BackendChoice } from './backend.js';
import { cpuBackend, type CpuKernelChoice } from './backends/cpu.js';
import type { GpujsBackend, GpujsMode } from './backends/gpujs.js';

/**
 * Smallest matmul, in FLOPs (2·m·k·n), that `auto` sends to a GPU. Below it a GPU
 * round trip (upload, dispatch, synchronous readback) costs more than the whole
 * product on the cpu backend. The cpu side is measured by `pnpm bench`: about 30 GFLOP/s
 * (the relaxed-SIMD WASM kernel, one core; 33–35 on the 784-wide MLP shapes, 26–28 without
 * FMA), so each 1 ms of GPU overhead is worth about 30 MFLOP of cpu work. The GPU side has
 * been measured only on software renderers (`pnpm bench:gpu` and `bench:gpu:browser`; the
 * README's "Where gpu.js overtakes cpu"): on Mesa llvmpipe (headless-gl) and SwiftShader
 * (Chromium's WebGL2) gpu.js is 34–1600× slower than cpu at every size measured, which says
 * nothing about a hardware GPU. What they do show is gpu.js's round trip with no arithmetic
 * (a 1×1×1 product, readback included): 0.14–0.42 ms, 4–13 MFLOP of cpu work, a floor for
 * this threshold. A hardware round trip is assumed at 0.5–1 ms, typical of a WebGL
 * readPixels stall: break-even at 15–30 MFLOP, here 20 MFLOP.
 * That sends the book MLP's 784-wide products (20.1 MFLOP at batch 128) to a GPU and keeps
 * its 100×100 hidden layers (2.6 MFLOP) on the cpu. Treat it as a starting point:
 * `setBackend('auto', { minGpuFlops })` overrides it.
 */
export const AUTO_GPU_MIN_FLOPS = 20_000_000;

/** Options of `setBackend`. */
export interface SetBackendOptions {
  /** `cpu`/`auto`: which cpu matmul runs. Default `'auto'`: relaxed-SIMD WASM (FMA) where available, else WASM SIMD, else TypeScript. */
  cpuKernel?: CpuKernelChoice;
  /** `gpujs`: force a gpu.js mode. Default: gpu.js's own pick (a GL context if any, else webasm). */
  gpujsMode?: GpujsMode;
  /** `auto`: smallest matmul (FLOPs) sent to the GPU. Default `AUTO_GPU_MIN_FLOPS`. */
  minGpuFlops?: number;
  /** `cpu`/`auto`: threads sharing each large cpu matmul (default 1); see `cpuBackend`. */
  threads?: number;
}

const CHOICES: readonly BackendChoice[] = ['auto', 'cpu', 'gpujs'];

async function gpujs(mode?: GpujsMode): Promise<GpujsBackend> {
  const { createGpujsBackend } = await import('./backends/gpujs.js');
  return createGpujsBackend(mode);
}

/** A cheap look for a GPU before paying for gpu.js: in a browser, a WebGL context must exist. */
function mightHaveGpu(): boolean {
  if (typeof document === 'undefined') return true;
  const canvas = document.createElement('canvas');
  return (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) !== null;
}

/** A real GPU: a GL context (not gpu.js's webasm) whose renderer is not a CPU emulation. */
async function realGpu(): Promise<GpujsBackend | null> {
  if (!mightHaveGpu()) return null;
  let backend: GpujsBackend;
  try {
    backend = await gpujs();
  } catch {
    return null;
  }
  const { isSoftwareRenderer } = await import('./backends/gpujs.js');
  // headless-gl names no renderer (just "ANGLE"), and under Xvfb it is Mesa's llvmpipe, 60× slower than the cpu
  // backend on the MLP's products (bench/gpu-crossover.mjs): `auto` never takes it; `gpujs` still can.
  if (backend.kind === 'webasm' || backend.kind === 'headlessgl' || isSoftwareRenderer(backend.renderer)) {
    backend.dispose?.();
    return null;
  }
  return backend;
}

/** Sends matmuls of at least `minFlops` to `gpu`, smaller ones to `cpu`. */
function splitBySize(gpu: Backend, cpu: Backend, minFlops: number): Backend {
  return {
    name: `${gpu.name}+cpu`,
    detail: `matmuls of ${minFlops} FLOPs or more on ${gpu.name}, smaller on ${cpu.detail ?? cpu.name}`,
    get threads() {
      return cpu.threads;
    },
    matmul(a, b, out, m, k, n, transposeA, transposeB) {
      const target = 2 * m * k * n >= minFlops ? gpu : cpu;
      target.matmul(a, b, out, m, k, n, transposeA, transposeB);
    },
    dispose() {
      gpu.dispose?.();
      cpu.dispose?.();
    },
  };
}

/**
 * Chooses what computes matmuls and returns its real name.
 * - `cpu`: WASM SIMD kernels (relaxed SIMD where available, TypeScript where SIMD is missing), on `threads`
 *   threads; named `cpu`.
 * - `gpujs`: gpu.js kernels, named by what gpu.js really runs: `gpujs:webgl2`,
 *   `gpujs:webgl`, `gpujs:headlessgl` or `gpujs:webasm`. Throws `BackendError`,
 *   listing what is available, where gpu.js cannot run (or not in `gpujsMode`).
 * - `auto`: `cpu`, unless a real GPU is present (a hardware GL context in a browser; never headless-gl); then
 *   `gpujs:<mode>+cpu`, which sends matmuls of at least `minGpuFlops` to the GPU.
 */
export async function setBackend(choice: BackendChoice, options: SetBackendOptions = {}): Promise<string> {
  const { cpuKernel = 'auto', gpujsMode, minGpuFlops = AUTO_GPU_MIN_FLOPS, threads = 1 } = options;
  switch (choice) {
    case 'cpu':
      return useBackend(cpuBackend(cpuKernel, { threads }));
    case 'gpujs':
      return useBackend(await gpujs(gpujsMode));
    case 'auto': {
      if (!(minGpuFlops >= 0)) {
        throw new BackendError(`minGpuFlops must be a non-negative number, got ${minGpuFlops}`);
      }
      const cpu = cpuBackend(cpuKernel, { threads });
      const gpu = await realGpu();
      return useBackend(gpu ? splitBySize(gpu, cpu, minGpuFlops) : cpu);
    }
    default:
      throw new BackendError(
        `unknown backend '${String(choice)}'; choose one of ${CHOICES.map((c) => `'${c}'`).join(', ')}`,
      );
  }
}
