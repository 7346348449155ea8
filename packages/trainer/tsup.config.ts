import { defineConfig } from 'tsup';

export default defineConfig({
  // The worker is its own entry so that `new Worker(new URL('./worker.js', import.meta.url))` finds it in dist.
  entry: ['src/index.ts', 'src/worker.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  shims: true,
});
