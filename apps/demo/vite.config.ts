import { defineConfig } from 'vite';
import { mnistAssets } from './vite/mnist-assets.ts';

/** SharedArrayBuffer (one copy of MNIST for every worker) needs a cross-origin isolated page. */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  base: './',
  plugins: [mnistAssets()],
  server: { host: '127.0.0.1', headers: isolation },
  preview: { host: '127.0.0.1', headers: isolation },
  // Workers load gpu.js with a dynamic import: only ES-module workers can split it into its own chunk.
  worker: { format: 'es', plugins: () => [mnistAssets({ emit: false })] },
  build: { target: 'es2022', chunkSizeWarningLimit: 1024 },
});
