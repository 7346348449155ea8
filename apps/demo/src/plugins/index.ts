import { listInitializers, registerInitializer, type AnyInitializerDefinition } from '@initlab/initializers';
import { fixedVarianceUniform } from '@initlab/example-initializer-plugin';
import { heScaled } from './he-scaled';

/**
 * Registers the app's initializer plugins — its own `heScaled` and the repository's example plugin. Runs on the
 * page (so the form lists them), in the engine worker (so configs validate) and in every training worker: each
 * realm has its own registry.
 */
export function registerPlugins(): void {
  const plugins: AnyInitializerDefinition[] = [heScaled, fixedVarianceUniform];
  for (const plugin of plugins) {
    if (!listInitializers().some((definition) => definition.name === plugin.name)) registerInitializer(plugin);
  }
}
