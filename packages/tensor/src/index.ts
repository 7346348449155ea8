export { Matrix, ShapeError, describeShape, type Shape } from './matrix.js';
export {
  matmul,
  addRowVector,
  sumColumns,
  map,
  zipMap,
  argmaxRows,
  maxRows,
  logSumExpRows,
  softmaxRows,
  type MatmulOptions,
} from './ops.js';
export { addScaled, addRowVectorRelu, reluBackward, bytesToUnit, gatherBytesToUnit } from './fused.js';
export { createSharedMemory } from './kernels/elementwise.js';
export {
  getBackend,
  useBackend,
  runWithBackend,
  backendName,
  BackendError,
  type Backend,
  type BackendChoice,
} from './backend.js';
export { setBackend, AUTO_GPU_MIN_FLOPS, type SetBackendOptions } from './select-backend.js';
export {
  cpuBackend,
  hasWasmSimd,
  hasWasmRelaxedSimd,
  type CpuBackendOptions,
  type CpuKernelChoice,
} from './backends/cpu.js';
export { MAX_THREADS, threadsUnavailable } from './kernels/wasm-threads.js';
export type { GpujsMode } from './backends/gpujs.js';
export { createGpujsWebGpuBackend, type GpujsWebGpuBackend } from './backends/gpujs.js';
export {
  serveRemoteBackend,
  connectRemoteBackend,
  type AsyncBackend,
  type RemoteBackendLink,
  type RemoteBackendServer,
  type ServeRemoteOptions,
  type ConnectRemoteOptions,
} from './backends/remote.js';
export { matmulReference } from './kernels/reference.js';
export type { MatmulKernel } from './kernels/types.js';
export { createRng, RngError, type Rng } from './rng.js';
export { waitUntil, publish, advance, exchange, blockingUnavailable, type WaitOptions } from './sync.js';
