/**
 * The engine: one worker that owns MNIST and runs experiments with the trainer, so the page's thread
 * only draws. It starts the training workers itself (nested workers), forwards their progress and
 * evaluation points, and relays each run's result as soon as its worker sends it. It stays free while
 * they train, so a stop or a backend change is answered at once.
 */
import { parseMnist, type Dataset } from '@initlab/datasets';
import { serveRemoteBackend, setBackend, type RemoteBackendServer } from '@initlab/tensor';
import { isGroup, parseExperiment, runResolvedExperiment, type ResolvedExperiment } from '@initlab/trainer';
import { loadMnistFiles } from '../data/mnist';
import { checkKernels } from '../diagnostics/kernel-check';
import { registerPlugins } from '../plugins';
import type { TrainingSetup } from '../training/protocol';
import type { BackendOption, EngineMessage, EngineRequest } from './protocol';
import { WEBGPU, forgetWebGpuBackend, webGpuBackend, webGpuUnavailable } from './webgpu';

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
  dataset ??= loadMnistFiles(appUrl, (loaded, total, fromCache) =>
    post({ type: 'dataset', loaded, total, fromCache, done: false }),
  )
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

function needsMnist(experiment: ResolvedExperiment): boolean {
  const parts = isGroup(experiment) ? experiment.experiments : [experiment];
  return parts.some((part) => part.kind === 'train');
}

/**
 * One training worker per core, as the CLI does, and no more than there are runs (run × seed): the page and
 * this engine only wait while the runs train. Where MNIST cannot be shared, each worker holds its own 55 MB
 * copy, so at most four. A single run has every core to itself (the trainer's helper threads).
 */
function workerCount(experiment: ResolvedExperiment): number {
  const parts = isGroup(experiment) ? experiment.experiments : [experiment];
  const jobs = parts.reduce((sum, part) => sum + (part.runs?.length ?? 0) * part.seeds.length, 0);
  const cores = navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(jobs, shared ? cores : Math.min(4, cores)));
}

/** The real name of what `choice` computes on; BackendError, with the reason, where it cannot run. */
async function resolveBackend(choice: BackendOption): Promise<string> {
  return choice === WEBGPU ? (await webGpuBackend()).name : setBackend(choice);
}

async function run(request: Extract<EngineRequest, { type: 'run' }>) {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const servers: RemoteBackendServer[] = [];
  try {
    // The one parse of the form's config (plugins are registered here): a bad config fails before MNIST loads.
    const experiment = parseExperiment(request.experiment);
    const mnist = needsMnist(experiment) ? await loadDataset(request.appUrl) : undefined;
    // Here too, so that a backend that cannot run fails before any worker starts; each worker sets its own.
    const backend = await resolveBackend(request.backend);
    // WebGPU computes here, for every training worker; the trainer's backend choices are set in each worker.
    const gpu = request.backend === WEBGPU ? await webGpuBackend() : undefined;
    const workers = workerCount(experiment);
    post({ type: 'started', backend, workers });
    let started = 0;
    return await runResolvedExperiment(experiment, {
      dataset: mnist,
      workers,
      inProcess: false,
      // WebGPU: no backend and one thread, so that each worker keeps the link to this engine its setup gave it.
      ...(request.backend === WEBGPU ? { threads: 1 } : { backend: request.backend }),
      signal: controller.signal,
      onProgress: (progress) => post({ type: 'progress', progress }),
      onEvaluation: (evaluation) => post({ type: 'evaluation', evaluation }),
      createWorker: () => {
        const worker = new Worker(new URL('../training/worker.ts', import.meta.url), {
          type: 'module',
          name: `initlab training ${++started}`,
        });
        const setup: TrainingSetup = { type: 'setup' };
        if (gpu) {
          const server = serveRemoteBackend(gpu);
          servers.push(server);
          setup.remote = server.link;
        }
        worker.postMessage(setup);
        worker.addEventListener(
          'message',
          ({ data }: MessageEvent<{ type?: string; index: number; result: never }>) => {
            if (data?.type === 'result') post({ type: 'run-result', index: data.index, result: data.result });
          },
        );
        return worker;
      },
    });
  } catch (error) {
    // A failed WebGPU run may have lost its device: the next one starts from a fresh backend.
    if (request.backend === WEBGPU) forgetWebGpuBackend();
    throw error;
  } finally {
    for (const server of servers) server.close();
    if (running === controller) running = undefined;
  }
}

async function handle(request: EngineRequest): Promise<unknown> {
  switch (request.type) {
    case 'backend':
      return resolveBackend(request.choice);
    case 'webgpu':
      return webGpuUnavailable();
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
    (error: unknown) =>
      post({
        type: 'reply',
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      }),
  );
};
