/**
 * What runs differently on Node and in a browser. Node modules are imported only when running on Node, so
 * this build still works in a browser that is not given the browser build (`platform-browser.ts`).
 */
import * as browser from './platform-browser.js';
import { isNode } from './runtime.js';
import type { WorkerFactory, WorkerLike } from '../parallel/worker-like.js';

export type { ParentPort } from './platform-browser.js';

/** Logical CPUs available to this process. */
export async function cpuCount(): Promise<number> {
  if (!isNode()) return browser.cpuCount();
  const os = await import('node:os');
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Plugin modules as URLs to import: on Node a path is resolved against the working directory. */
export async function moduleUrls(modules: readonly string[]): Promise<string[]> {
  if (!isNode()) return browser.moduleUrls(modules);
  const { pathToFileURL } = await import('node:url');
  const path = await import('node:path');
  const isUrl = (module: string) => /^[a-z][a-z0-9+.-]*:/i.test(module) && !/^[a-z]:[\\/]/i.test(module);
  return modules.map((module) => (isUrl(module) ? module : pathToFileURL(path.resolve(module)).href));
}

/** The worker script next to this module in `dist`; from the TypeScript sources (tests), the built one. */
function workerUrl(): URL {
  const here = import.meta.url;
  return /\.ts$/.test(here) ? new URL('../../dist/worker.js', here) : new URL('./worker.js', here);
}

/** `worker_threads` Workers on Node (module Web Workers elsewhere) running `dist/worker.js`. */
export async function defaultWorkerFactory(): Promise<WorkerFactory> {
  const url = workerUrl();
  if (!isNode()) return () => new Worker(url, { type: 'module' });
  const { Worker: NodeWorker } = await import('node:worker_threads');
  // The training step allocates nothing, so a small young generation costs no time and keeps each
  // worker's footprint down (peak RSS of the main job stays under its 300 MB budget).
  return () => new NodeWorker(url, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
}

/**
 * Makes the worker a run's helper thread runs in (`parallel/helper-threads.ts`), at once: a training step never waits for the
 * event loop. On Node (20.16 and later, which can load `worker_threads` synchronously) a `worker_threads` Worker
 * running `dist/worker.js`; undefined in a browser, where a run computes whole steps on its own thread.
 */
export function helperWorkerFactory(): (() => WorkerLike) | undefined {
  if (!isNode()) return browser.helperWorkerFactory();
  const host = process as { getBuiltinModule?: (id: string) => unknown };
  if (typeof host.getBuiltinModule !== 'function') return undefined;
  const threads = host.getBuiltinModule('node:worker_threads') as typeof import('node:worker_threads');
  const url = workerUrl();
  return () => new threads.Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
}

/** `parentPort` in a Node worker thread, the Web Worker's scope elsewhere. */
export async function connectToParent(): Promise<browser.ParentPort> {
  if (isNode()) {
    const { parentPort } = await import('node:worker_threads');
    if (parentPort) {
      return {
        post: (message) => parentPort.postMessage(message),
        listen: (handler) => parentPort.on('message', handler),
      };
    }
  }
  return browser.connectToParent();
}
