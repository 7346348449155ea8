import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/** Builds `platform-browser.ts` wherever the sources import `platform.ts`, so the browser build has no Node import. */
const browserPlatform: Plugin = {
  name: 'initlab-browser-platform',
  setup(build) {
    build.onResolve({ filter: /^(\.\.?\/)+(platform\/)?platform\.js$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.replace(/platform\.js$/, 'platform-browser.ts')),
    }));
  },
};

const common = { dts: true, sourcemap: true, target: 'es2022' } as const;

export default defineConfig([
  {
    ...common,
    // The worker is its own entry so that `new Worker(new URL('./worker.js', import.meta.url))` finds it in dist.
    entry: ['src/index.ts', 'src/worker.ts'],
    format: ['esm', 'cjs'],
    // Both builds write to dist at once: this one's clean keeps what the browser build writes.
    clean: ['!browser/**'],
    shims: true,
  },
  {
    ...common,
    // What the `browser` export condition serves: the same API and worker, built without `platform.ts`.
    entry: { index: 'src/index.ts', worker: 'src/worker.ts' },
    outDir: 'dist/browser',
    format: ['esm'],
    clean: true,
    platform: 'browser',
    dts: false,
    esbuildPlugins: [browserPlatform],
  },
]);
