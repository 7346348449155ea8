/**
 * The engine: one worker that owns MNIST and runs experiments with the trainer, so the page's thread
 * only draws. It starts the training workers itself (nested workers), forwards their progress and
 * evaluation points, and relays each run's result as soon as its worker sends it. It stays free while
 * they train, so a stop or a backend change is answered at once.
 */
import { parseMnist, type Dataset } from '@initlab/datasets';
import { setBackend } from '@initlab/tensor';
import { isGroup, runExperiment, type Experiment } from '@initlab/trainer';
import { loadMnistFiles } from '../data/mnist';
import { checkKernels } from '../diagnostics/kernel-check';
import { registerPlugins } from '../plugins';
import type { EngineMessage, EngineRequest } from './protocol';

registerPlugins();

const scope = self as unknown as {
  postMessage(message: EngineMessage): void;
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
};
const post = (message: EngineMessage) => scope.postMessage(message);

let dataset: Promise<Dataset> | undefined;
let running: AbortController | undefined;

/**
 * Without cross-origin isolation there is no SharedArrayBuffer: the trainer then copies MNIST (55 MB) into
 * each training worker instead of sharing one copy.
 */
const shared = globalThis.crossOriginIsolated === true;

function loadDataset(appUrl: string): Promise<Dataset> {
  dataset ??= loadMnistFiles(appUrl, (loaded, total, fromCache) => post({ type: 'dataset', loaded, total, fromCache, done: false }))
    .then((files) => {
      const parsed = parseMnist(files, { shared });
      post({ type: 'dataset', loaded: 1, total: 1, fromCache: false, done: true });
      return parsed;
    })
    .catch((error: unknown) => {
      dataset = undefined;
      throw error;
    });
  return dataset;
}

function needsMnist(experiment: Experiment): boolean {
  const parts = isGroup(experiment) ? experiment.experiments : [experiment];
  return parts.some((part) => (part.kind ?? 'train') === 'train');
}

async function run(request: Extract<EngineRequest, { type: 'run' }>) {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  try {
    const mnist = needsMnist(request.experiment) ? await loadDataset(request.appUrl) : undefined;
    // Here too, so that a backend that cannot run fails before any worker starts; each worker sets its own.
    const backend = await setBackend(request.backend);
    // One core for the page and this engine; each copy of MNIST costs 55 MB where it cannot be shared.
    const workers = Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1));
    post({ type: 'started', backend, workers });
    let started = 0;
    return await runExperiment(request.experiment, {
      dataset: mnist,
      workers,
      inProcess: false,
      backend: request.backend,
      signal: controller.signal,
      onProgress: (progress) => post({ type: 'progress', progress }),
      onEvaluation: (evaluation) => post({ type: 'evaluation', evaluation }),
      createWorker: () => {
        const worker = new Worker(new URL('../training/worker.ts', import.meta.url), {
          type: 'module',
          name: `initlab training ${++started}`,
        });
        worker.addEventListener('message', ({ data }: MessageEvent<{ type?: string; index: number; result: never }>) => {
          if (data?.type === 'result') post({ type: 'run-result', index: data.index, result: data.result });
        });
        return worker;
      },
    });
  } finally {
    if (running === controller) running = undefined;
  }
}

async function handle(request: EngineRequest): Promise<unknown> {
  switch (request.type) {
    case 'backend':
      return setBackend(request.choice);
    case 'kernels':
      if (running) throw new Error('the kernel check waits until the run has finished');
      return checkKernels(request.target);
    case 'run':
      return run(request);
    case 'stop':
      running?.abort();
      return null;
  }
}

scope.onmessage = ({ data: request }) => {
  handle(request).then(
    (value) => post({ type: 'reply', id: request.id, ok: true, value }),
    (error: unknown) => post({ type: 'reply', id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
};
