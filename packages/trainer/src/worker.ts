/**
 * Worker entry: a Node worker thread or a module Web Worker that runs the jobs it is sent, one at a time.
 * Shipped as `dist/worker.js` (`@initlab/trainer/worker`); importing it starts the message loop.
 */
import { fromTransferable, type Dataset } from '@initlab/datasets';
import { getBackend, setBackend } from '@initlab/tensor';
import { messageOf } from './errors.js';
import { executeJob } from './execute.js';
import { offerSpareCores, serveHelper, SpareCores } from './halves.js';
import { connectToParent } from './platform.js';
import type { ToWorker } from './protocol.js';

async function main(): Promise<void> {
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
    if (message.backend || (message.threads ?? 1) > 1) await setBackend(message.backend ?? 'cpu', { threads: message.threads });
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
        offerSpareCores(message.spareCores ? spareCores : undefined);
        const result = await executeJob(job, datasets, {
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

void main();
