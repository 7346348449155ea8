import type { Dataset } from '@initlab/datasets';
import { getBackend, setBackend, type BackendChoice } from '@initlab/tensor';
import { aggregate } from '../results/aggregate.js';
import type { Experiment } from '../config/config.js';
import { loadDataset } from './datasets.js';
import { describeEnvironment } from '../platform/environment.js';
import type { Evaluation, Progress } from '../run/events.js';
import { runResolvedHistogram } from '../run/histogram-run.js';
import { datasetKey, expandJobs, experimentsOf, notStartedResult, type Job } from './jobs.js';
import { cpuCount, defaultWorkerFactory, moduleUrls } from '../platform/platform.js';
import { HelperThreads } from '../parallel/helper-threads.js';
import { runInWorkers } from '../parallel/pool.js';
import type { WorkerFactory } from '../parallel/worker-like.js';
import { resolveThreads, type ThreadsOption } from '../parallel/threads.js';
import { RESULTS_SCHEMA_VERSION, type ExperimentResults, type RunResult } from '../results/results.js';
import type { ResolvedExperiment } from '../config/resolve.js';
import { trainResolved } from '../run/train.js';
import { canShareMemory, datasetTransfer } from '../parallel/transfer.js';
import { parseExperiment } from '../config/validate.js';
import { withMetrics } from '../results/metrics.js';

/** How `runExperiment` runs. */
export interface ExperimentOptions {
  /** Parallel workers (default: one per CPU, at most one per job). */
  workers?: number;
  /**
   * Whether jobs run on the calling thread instead of in workers. Default: when one worker would do (one job,
   * or `workers: 1`). `false` starts a worker even then (a page keeps its thread free); `true` runs every
   * job here, one after another.
   */
  inProcess?: boolean;
  /**
   * The backend every job computes with: @initlab/tensor's `setBackend(backend)` runs in each worker before
   * its first job, or on the calling thread when jobs run there. Default: workers keep tensor's default
   * (`cpu`), the calling thread its current backend. The results' `environment.backend` and each run's
   * `backend` carry the real name (e.g. `gpujs:webasm`); where it cannot run, `runExperiment` rejects.
   */
  backend?: BackendChoice;
  /**
   * Threads sharing each run's large matmuls on the cpu backend (results are bit-identical for any count).
   * Default `'auto'`: the CPUs each worker has to itself, ⌊cpus / workers⌋, so one run alone uses every core.
   * Applied with the backend (`cpu` where `backend` is not given) in each worker, and on the calling thread
   * when jobs run there and `backend` or a count is given.
   */
  threads?: ThreadsOption;
  /** Used by every training experiment instead of the dataset its config names. */
  dataset?: Dataset;
  /** Aborting keeps finished runs, stops running ones (status `'interrupted'`, with what they recorded) and skips the rest. */
  signal?: AbortSignal;
  /** About every 1% of a run or 200 ms, and at its end. */
  onProgress?: (progress: Progress) => void;
  /** At every evaluation point of every training run, as soon as it is measured (also from workers). */
  onEvaluation?: (evaluation: Evaluation) => void;
  /**
   * Modules that register plugins (e.g. initializers), imported here before validation and in every worker.
   * Node: file paths (relative to the working directory) or URLs; browser: URLs.
   */
  pluginModules?: string[];
  /**
   * Makes a worker running `@initlab/trainer/worker`. Node defaults to the worker shipped in `dist`;
   * a bundled web app passes e.g. `() => new Worker(new URL('…/worker.js', import.meta.url), { type: 'module' })`.
   */
  createWorker?: WorkerFactory;
  /**
   * Where runs on the calling thread get their helper threads (`HelperThreads`; see "Steps in two halves");
   * null: none. Default: the platform's, shared by this call's runs. Workers use their own entry's
   * (`serveWorker`).
   */
  helpers?: HelperThreads | null;
}

async function loadDatasets(
  jobs: readonly Job[],
  experiment: ResolvedExperiment,
  options: ExperimentOptions,
  shared: boolean,
) {
  const datasets = new Map<string, Dataset>();
  for (const config of experimentsOf(experiment)) {
    const key = datasetKey(config.dataset);
    if (config.kind !== 'train' || datasets.has(key) || !jobs.some((job) => job.datasetKey === key)) continue;
    datasets.set(key, options.dataset ?? (await loadDataset(config.dataset, shared)));
  }
  return datasets;
}

async function runOnThisThread(
  jobs: readonly Job[],
  datasets: ReadonlyMap<string, Dataset>,
  options: ExperimentOptions,
): Promise<RunResult[]> {
  const results: RunResult[] = [];
  const { signal, onProgress, onEvaluation } = options;
  // One set of helper threads for every run here, so that a run's helper serves the next run too.
  const ownHelpers = options.helpers === undefined ? HelperThreads.platformDefault() : undefined;
  const helpers = options.helpers === undefined ? (ownHelpers ?? null) : options.helpers;
  try {
    for (const job of jobs) {
      if (signal?.aborted) {
        results.push(notStartedResult(job));
        continue;
      }
      const runInfo = { runIndex: job.index, label: job.label, experiment: job.experiment };
      if (job.kind === 'histogram') {
        results.push(runResolvedHistogram(job.config, runInfo));
        continue;
      }
      const dataset = datasets.get(job.datasetKey)!;
      results.push(await trainResolved(job.config, { dataset, runInfo, signal, onProgress, onEvaluation, helpers }));
    }
  } finally {
    ownHelpers?.close();
  }
  return results;
}

/** The plugin modules as URLs, each imported here (once per process, however often it is asked). */
async function importPlugins(options: ExperimentOptions): Promise<string[]> {
  const urls = await moduleUrls(options.pluginModules ?? []);
  for (const url of urls) await import(/* @vite-ignore */ url);
  return urls;
}

/**
 * Runs every (run × seed) job of an experiment or a group, in parallel workers, and assembles the results:
 * `runs[]` in config order (experiment, run, then seed) whatever order they finish in, identical to a
 * serial run (`workers: 1`), with aggregates across seeds. Checks the config first, once, after importing
 * the plugin modules (`parseExperiment`); throws a ConfigError for an invalid config.
 */
export async function runExperiment(
  experiment: Experiment,
  options: ExperimentOptions = {},
): Promise<ExperimentResults> {
  const pluginModules = await importPlugins(options);
  return runJobs(parseExperiment(experiment), pluginModules, options);
}

/**
 * As `runExperiment`, for an experiment `parseExperiment` returned (e.g. with command-line overrides): it is
 * run as it is, not checked again. Register its plugins before parsing it; they are imported in every worker.
 */
export async function runResolvedExperiment(
  experiment: ResolvedExperiment,
  options: ExperimentOptions = {},
): Promise<ExperimentResults> {
  return runJobs(experiment, await importPlugins(options), options);
}

async function runJobs(
  checked: ResolvedExperiment,
  pluginModules: string[],
  options: ExperimentOptions,
): Promise<ExperimentResults> {
  const jobs = expandJobs(checked);
  const cpus = await cpuCount();
  const workers = Math.max(1, Math.min(options.workers ?? cpus, jobs.length));
  const inWorkers = !(options.inProcess ?? workers === 1);
  const threads = resolveThreads(options.threads, cpus, inWorkers ? workers : 1);
  // Shared memory also lets a run on this thread hand half of each step to a helper thread (parallel/half-steps.ts).
  const shared = (inWorkers || threads > 1) && canShareMemory();
  const datasets = await loadDatasets(jobs, checked, options, shared);

  let runs: RunResult[];
  let backend: string | undefined;
  let threadsUsed: number | undefined;
  if (inWorkers) {
    ({
      runs,
      backend,
      threads: threadsUsed,
    } = await runInWorkers(jobs, {
      workers,
      createWorker: options.createWorker ?? (await defaultWorkerFactory()),
      datasets: [...datasets].map(([key, dataset]) => [key, datasetTransfer(dataset, shared)]),
      pluginModules,
      backend: options.backend,
      threads,
      onProgress: options.onProgress,
      onEvaluation: options.onEvaluation,
      signal: options.signal,
    }));
  } else {
    if (options.backend || typeof options.threads === 'number') await setBackend(options.backend ?? 'cpu', { threads });
    runs = await runOnThisThread(jobs, datasets, options);
  }
  runs = withMetrics(runs);
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    experiment: checked.name,
    config: checked,
    environment: await describeEnvironment(
      inWorkers ? workers : 1,
      backend ?? getBackend().name,
      threadsUsed ?? getBackend().threads ?? 1,
    ),
    runs,
    aggregates: aggregate(runs),
  };
}

/** Runs several experiments as one group named `name`; each run keeps its own experiment's name. */
export function runGroup(
  name: string,
  experiments: Experiment[],
  options: ExperimentOptions = {},
): Promise<ExperimentResults> {
  return runExperiment({ name, experiments: experiments.flatMap(experimentsOf) }, options);
}
