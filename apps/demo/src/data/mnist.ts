import assets from 'virtual:mnist-assets';
import type { MnistFiles } from '@initlab/datasets';

/** Called as compressed bytes arrive: `loaded` of `total` bytes, and whether they came from the cache. */
export type ProgressListener = (loaded: number, total: number, fromCache: boolean) => void;

/** Bump when the file set changes; the paths carry content hashes, so old entries are only dead weight. */
const CACHE_NAME = 'initlab-mnist-v1';

async function openCache(): Promise<Cache | undefined> {
  // The Cache API exists only in secure contexts (https, localhost, 127.0.0.1).
  if (typeof caches === 'undefined') return undefined;
  try {
    return await caches.open(CACHE_NAME);
  } catch {
    return undefined;
  }
}

async function fetchCompressed(
  url: string,
  cache: Cache | undefined,
): Promise<{ response: Response; fromCache: boolean }> {
  const cached = await cache?.match(url);
  if (cached) return { response: cached, fromCache: true };
  const response = await fetch(url);
  if (!response.ok || !response.body) {
    throw new Error(`could not load ${url}: HTTP ${response.status} ${response.statusText}`);
  }
  if (cache) {
    // Cache the compressed bytes (10 MB rather than 55 MB); a full quota only costs the next visit a download.
    cache.put(url, response.clone()).catch(() => undefined);
  }
  return { response, fromCache: false };
}

/** Counts compressed bytes as they stream past. */
function counter(onBytes: (count: number) => void): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream({
    transform(chunk, controller) {
      onBytes(chunk.byteLength);
      controller.enqueue(chunk);
    },
  });
}

/**
 * The stream decompressed, unless its bytes are not gzip: a server that sent the file with
 * Content-Encoding: gzip has had the browser decompress it already.
 */
async function decompressed(stream: ReadableStream<Uint8Array>): Promise<ReadableStream<Uint8Array>> {
  const reader = stream.getReader();
  const first = await reader.read();
  const whole = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(first.value);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const gzip = !first.done && first.value[0] === 0x1f && first.value[1] === 0x8b;
  return gzip
    ? whole.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>)
    : whole;
}

async function readAll(stream: ReadableStream<Uint8Array>, expectedBytes: number, url: string): Promise<ArrayBuffer> {
  const out = new Uint8Array(expectedBytes);
  let offset = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (offset + value.byteLength > expectedBytes)
      throw new Error(`${url} decompresses to more than ${expectedBytes} bytes`);
    out.set(value, offset);
    offset += value.byteLength;
  }
  if (offset !== expectedBytes) throw new Error(`${url} decompressed to ${offset} bytes, expected ${expectedBytes}`);
  return out.buffer;
}

/**
 * The four MNIST IDX files, uncompressed: downloaded once (gzip, about 11 MB), decompressed in the
 * browser with `DecompressionStream`, and kept in the Cache API for the next visit. `appUrl` is the
 * app's base URL as the page sees it (a worker's own URL lies elsewhere, under `assets/`).
 */
export async function loadMnistFiles(
  appUrl: string,
  onProgress: ProgressListener = () => undefined,
): Promise<MnistFiles> {
  const cache = await openCache();
  const total = assets.reduce((sum, asset) => sum + asset.gzipBytes, 0);
  let loaded = 0;
  let allCached = true;
  const buffers = await Promise.all(
    assets.map(async (asset) => {
      const url = new URL(asset.path, appUrl).href;
      const { response, fromCache } = await fetchCompressed(url, cache);
      allCached &&= fromCache;
      const counted = response.body!.pipeThrough(
        counter((count) => {
          loaded = Math.min(total, loaded + count);
          onProgress(loaded, total, allCached);
        }),
      );
      return [asset.key, await readAll(await decompressed(counted), asset.bytes, url)] as const;
    }),
  );
  return Object.fromEntries(buffers) as unknown as MnistFiles;
}
