export { Matrix, ShapeError, type Shape } from './matrix.js';
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
export { getBackend, useBackend, BackendError, type Backend, type BackendChoice } from './backend.js';
export { matmulReference } from './kernels/reference.js';
export { createRng, RngError, type Rng } from './rng.js';
