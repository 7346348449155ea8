/**
 * A training worker: the app's initializer plugins (registries are per realm), then the trainer's worker
 * entry, which takes its backend from the trainer's `init` message.
 */
import { registerPlugins } from '../plugins';

registerPlugins();
await import('@initlab/trainer/worker');
