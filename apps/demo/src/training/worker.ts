/**
 * A training worker: the app's initializer plugins (registries are per realm), the engine's setup (a link to
 * the backend it serves, for WebGPU), then the trainer's worker loop, which takes its backend from the
 * trainer's `init` message or, sent none, keeps the one set here. A run on two threads or more starts its
 * helper thread from here (helper.ts).
 */
import { connectRemoteBackend, useBackend } from '@initlab/tensor';
import { HelperThreads, serveWorker } from '@initlab/trainer';
import { registerPlugins } from '../plugins';
import type { TrainingSetup } from './protocol';

registerPlugins();
const helpers = new HelperThreads(
  () => new Worker(new URL('./helper.ts', import.meta.url), { type: 'module', name: 'initlab training helper' }),
);
const setup = await new Promise<TrainingSetup>((resolve) =>
  self.addEventListener('message', ({ data }: MessageEvent<TrainingSetup>) => resolve(data), { once: true }),
);
if (setup.remote) useBackend(connectRemoteBackend(setup.remote));
await serveWorker({ helpers });
