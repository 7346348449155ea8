/**
 * Worker entry: a Node worker thread or a module Web Worker that runs the jobs it is sent, one at a time.
 * Shipped as `dist/worker.js` (`@initlab/trainer/worker`).
 */
import { fromTransferable, type Dataset } from '@initlab/datasets';
import { messageOf } from './errors.js';
import { executeJob } from './execute.js';
import type { FromWorker, ToWorker } from './protocol.js';

interface Port {
  post(message: FromWorker): void;
  listen(handler: (message: ToWorker) => void): void;
}

interface WebWorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: ToWorker }) => void): void;
}

async function connect(): Promise<Port> {
  const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  if (isNode) {
    const { parentPort } = await import('node:worker_threads');
    if (parentPort) {
      return { post: (message) => parentPort.postMessage(message), listen: (handler) => parentPort.on('message', handler) };
    }
  }
  const scope = globalThis as unknown as WebWorkerScope;
  return {
    post: (message) => scope.postMessage(message),
    listen: (handler) => scope.addEventListener('message', (event) => handler(event.data)),
  };
}

async function main(): Promise<void> {
  const port = await connect();
  const datasets = new Map<string, Dataset>();
  let shouldStop: (() => boolean) | undefined;
  let ready: Promise<void> = Promise.resolve();

  const initialize = async (message: Extract<ToWorker, { type: 'init' }>) => {
    for (const url of message.pluginModules) await import(/* @vite-ignore */ url);
    for (const [key, description] of message.datasets) datasets.set(key, fromTransferable(description));
    if (message.stopFlag) {
      const flag = new Int32Array(message.stopFlag);
      shouldStop = () => Atomics.load(flag, 0) !== 0;
    }
  };

  port.listen((message) => {
    if (message.type === 'init') {
      ready = initialize(message).then(
        () => port.post({ type: 'ready' }),
        (error) => port.post({ type: 'error', message: `worker setup failed: ${messageOf(error)}` }),
      );
      return;
    }
    const { job } = message;
    void ready.then(() => {
      try {
        const result = executeJob(job, datasets, (progress) => port.post({ type: 'progress', progress }), shouldStop);
        port.post({ type: 'result', index: job.index, result });
      } catch (error) {
        port.post({ type: 'error', index: job.index, message: messageOf(error) });
      }
    });
  });
  // The main thread sends nothing before this, so no message can arrive before the listener exists.
  port.post({ type: 'hello' });
}

void main();
