import { listInitializers, registerInitializer } from '@initlab/initializers';
import { heScaled } from './he-scaled';

/**
 * Registers the app's initializer plugins. Runs on the page (so the form lists them), in the engine
 * worker (so configs validate) and in every training worker: each realm has its own registry.
 */
export function registerPlugins(): void {
  for (const plugin of [heScaled]) {
    if (!listInitializers().some((definition) => definition.name === plugin.name)) registerInitializer(plugin);
  }
}
