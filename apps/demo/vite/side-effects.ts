import type { Plugin } from 'vite';

/**
 * Marks modules as having side effects although their package says `"sideEffects": false`.
 * `@initlab/trainer/worker` starts its message loop when imported — a side effect by nature — and
 * without this the bundler drops the import as unused, leaving a worker that never says hello.
 */
export function keepSideEffects(ids: string[]): Plugin {
  return {
    name: 'initlab:keep-side-effects',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!ids.includes(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && { ...resolved, moduleSideEffects: true };
    },
  };
}
