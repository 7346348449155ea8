/**
 * A training worker: the app's initializer plugins (registries are per realm), the engine's setup (a link to
 * the backend it serves, for WebGPU), then the trainer's worker entry, which takes its backend from the
 * trainer's `init` message or, sent none, keeps the one set here.
 */
import { connectRemoteBackend, useBackend } from '@initlab/tensor';
import { registerPlugins } from '../plugins';
import type { TrainingSetup } from './protocol';

registerPlugins();
const setup = await new Promise<TrainingSetup>((resolve) =>
  self.addEventListener('message', ({ data }: MessageEvent<TrainingSetup>) => resolve(data), { once: true }),
);
if (setup.remote) useBackend(connectRemoteBackend(setup.remote));
await import('@initlab/trainer/worker');
