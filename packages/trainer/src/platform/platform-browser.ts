/**
 * What runs differently in a browser and on Node, browser side: no Node module is imported here. The
 * browser build (`dist/browser/`) is built with this file in place of
 * `platform.ts`, so that bundlers see no Node import at all.
 */
import type { WorkerFactory, WorkerLike } from '../parallel/worker-like.js';
import type { FromWorker, ToWorker } from '../parallel/protocol.js';

/** A worker's line to the thread that started it. */
export interface ParentPort {
  post(message: FromWorker): void;
  listen(handler: (message: ToWorker) => void): void;
}

interface WebWorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: ToWorker }) => void): void;
}

/** Logical CPUs the browser reports (1 when it reports none). */
export async function cpuCount(): Promise<number> {
  return globalThis.navigator?.hardwareConcurrency ?? 1;
}

/** Plugin modules as URLs to import: a browser imports URLs only, so they are taken as given. */
export async function moduleUrls(modules: readonly string[]): Promise<string[]> {
  return [...modules];
}

/** Module Web Workers running the worker entry next to this module. */
export async function defaultWorkerFactory(): Promise<WorkerFactory> {
  const url = new URL('./worker.js', import.meta.url);
  return () => new Worker(url, { type: 'module' });
}

/**
 * No helper threads in a browser yet: a run there computes both halves of each step on its own thread (the
 * page's threads serve its products instead, where it is cross-origin isolated).
 */
export function helperWorkerFactory(): (() => WorkerLike) | undefined {
  return undefined;
}

/** The Web Worker's own scope. */
export async function connectToParent(): Promise<ParentPort> {
  const scope = globalThis as unknown as WebWorkerScope;
  return {
    post: (message) => scope.postMessage(message),
    listen: (handler) => scope.addEventListener('message', (event) => handler(event.data)),
  };
}
