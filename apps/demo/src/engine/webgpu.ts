/**
 * Training on gpu.js's WebGPU kernels. They answer through Promises while a training step is synchronous, so
 * the engine is the GPU agent: it owns gpu.js in `webgpu` mode and serves each training worker's matmuls over
 * shared memory (`serveRemoteBackend` of @initlab/tensor); the worker blocks on `Atomics.wait` until each
 * product is back.
 */
import { BackendError, createGpujsWebGpuBackend, type GpujsWebGpuBackend } from '@initlab/tensor';

/** The backend choice (and the real name) of training on WebGPU. */
export const WEBGPU = 'gpujs:webgpu';

interface NavigatorWithGpu {
  gpu?: { requestAdapter(): Promise<unknown> };
}

/** Why training on WebGPU cannot run in this browser, or null where it can. Asks for an adapter; loads no gpu.js. */
export async function webGpuUnavailable(): Promise<string | null> {
  if (!globalThis.crossOriginIsolated) {
    return 'the page is not cross-origin isolated (served without the COOP/COEP headers), so training workers cannot share memory with the GPU agent';
  }
  if (typeof (Atomics as { waitAsync?: unknown }).waitAsync !== 'function')
    return 'this browser lacks Atomics.waitAsync';
  const { gpu } = navigator as NavigatorWithGpu;
  if (!gpu) return 'this browser has no WebGPU (navigator.gpu is missing)';
  let adapter: unknown;
  try {
    adapter = await gpu.requestAdapter();
  } catch (error) {
    return `WebGPU refused an adapter: ${(error as Error).message}`;
  }
  return adapter
    ? null
    : 'WebGPU offers no adapter here (headless Chromium without a GPU offers one only with --enable-unsafe-webgpu)';
}

let backend: Promise<GpujsWebGpuBackend> | undefined;

/** gpu.js's WebGPU backend, built once and kept (its kernels are compiled per shape); BackendError with the reason where it cannot run. */
export function webGpuBackend(): Promise<GpujsWebGpuBackend> {
  backend ??= (async () => {
    const reason = await webGpuUnavailable();
    if (reason) throw new BackendError(`${WEBGPU} cannot run here: ${reason}`);
    return createGpujsWebGpuBackend();
  })().catch((error: unknown) => {
    backend = undefined;
    throw error;
  });
  return backend;
}

/** Drops the backend (after a failed run: its device may be lost), so that the next use builds a fresh one. */
export function forgetWebGpuBackend(): void {
  const dropped = backend;
  backend = undefined;
  void dropped?.then(
    (built) => built.dispose?.(),
    () => {},
  );
}
