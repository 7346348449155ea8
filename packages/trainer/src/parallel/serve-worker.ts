import { fromTransferable, type Dataset } from '@initlab/datasets';
import { getBackend, setBackend } from '@initlab/tensor';
import { messageOf } from '../errors.js';
import { executeJob } from '../experiment/execute.js';
import { connectToParent } from '../platform/platform.js';
import { HelperThreads } from './helper-threads.js';
import type { ToWorker } from './protocol.js';
import { serveHelper } from './serve-helper.js';
import { SpareCores } from './spare-cores.js';

/** How a worker serves its jobs. */
export interface ServeWorkerOptions {
  /**
   * Where its runs get their helper threads (see `HelperThreads`); null: none. Default: the platform's (Node:
   * worker threads running the trainer's worker entry; a browser: none).
   */
  helpers?: HelperThreads | null;
}

/**
 * Makes this thread (a Node worker thread or a module Web Worker) a training worker: it runs the jobs a pool
 * sends, one at a time, and serves as a run's helper thread when sent a `helper` message. The trainer's worker
 * entry (`@initlab/trainer/worker`) calls it with the defaults; an app's own entry may pass its options.
 */
export async function serveWorker(options: ServeWorkerOptions = {}): Promise<void> {
  const helpers = options.helpers === undefined ? (HelperThreads.platformDefault() ?? null) : options.helpers;
  const port = await connectToParent();
  const datasets = new Map<string, Dataset>();
  let shouldStop: (() => boolean) | undefined;
  // Without a shared stop flag, jobs yield now and then so that a 'stop' message can abort them.
  let stopped: AbortController | undefined;
  let ready: Promise<void> = Promise.resolve();
  let spareCores: SpareCores | undefined;

  const initialize = async (message: Extract<ToWorker, { type: 'init' }>) => {
    for (const url of message.pluginModules) await import(/* @vite-ignore */ url);
    // One thread and no backend named is how a worker starts: it keeps the backend it has (an app may have set one).
    if (message.backend || (message.threads ?? 1) > 1)
      await setBackend(message.backend ?? 'cpu', { threads: message.threads });
    for (const [key, transfer] of message.datasets) datasets.set(key, fromTransferable(transfer));
    spareCores = message.spareCores && new SpareCores(message.spareCores);
    if (message.stopFlag) {
      const flag = new Int32Array(message.stopFlag);
      shouldStop = () => Atomics.load(flag, 0) !== 0;
    } else {
      stopped = new AbortController();
    }
  };

  port.listen((message) => {
    if (message.type === 'init') {
      ready = initialize(message).then(
        () => port.post({ type: 'ready', backend: getBackend().name, threads: getBackend().threads ?? 1 }),
        (error) => port.post({ type: 'error', message: `worker setup failed: ${messageOf(error)}` }),
      );
      return;
    }
    if (message.type === 'helper') {
      serveHelper(message).catch((error: unknown) => port.post({ type: 'error', message: messageOf(error) }));
      return;
    }
    if (message.type === 'stop') {
      stopped?.abort();
      return;
    }
    const { job } = message;
    void ready.then(async () => {
      try {
        const result = await executeJob(job, datasets, {
          helpers,
          spareCores: message.spareCores ? spareCores : undefined,
          onProgress: (progress) => port.post({ type: 'progress', progress }),
          onEvaluation: (evaluation) => port.post({ type: 'evaluation', evaluation }),
          shouldStop,
          signal: stopped?.signal,
        });
        port.post({ type: 'result', index: job.index, result });
      } catch (error) {
        port.post({ type: 'error', index: job.index, message: messageOf(error) });
      }
    });
  });
  // The main thread sends nothing before this, so no message can arrive before the listener exists.
  port.post({ type: 'hello' });
}
