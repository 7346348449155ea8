import type { RemoteBackendLink } from '@initlab/tensor';

/**
 * Engine → training worker, the first message, before the trainer's own: `remote` links the worker to a
 * backend the engine serves (WebGPU), which the worker then trains on; absent, the trainer's `init` sets it.
 */
export interface TrainingSetup {
  type: 'setup';
  remote?: RemoteBackendLink;
}
