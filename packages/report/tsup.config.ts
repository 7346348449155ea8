import { defineConfig } from 'tsup';

export default defineConfig({
  // `index` runs in Node and in browsers (no Node built-ins); `node` adds what needs the file system and resvg.
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
