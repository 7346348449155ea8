/**
 * A training worker: the trainer's worker entry, preceded by what the page decided for this worker —
 * the app's initializer plugins (registries are per realm) and the compute backend, read from the
 * worker's name (`backend=gpujs`), because the trainer's protocol does not carry one.
 */
import { setBackend, type BackendChoice } from '@initlab/tensor';
import { registerPlugins } from '../plugins';
import { backendFromWorkerName } from './worker-name';

registerPlugins();
await setBackend(backendFromWorkerName(self.name));
await import('@initlab/trainer/worker');
