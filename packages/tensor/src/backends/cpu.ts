import type { Backend } from '../backend.js';
import { matmulReference } from '../kernels/reference.js';

export const cpuBackend: Backend = {
  name: 'cpu',
  matmul: matmulReference,
};
