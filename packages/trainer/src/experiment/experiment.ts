import type { Dataset } from '@initlab/datasets';
import { getBackend, setBackend, type BackendChoice } from '@initlab/tensor';
import type { Experiment } from '../config/config.js';
import { loadDataset } from './datasets.js';
import { describeEnvironment } from '../platform/environment.js';
import type { Evaluation, Progress } from '../run/events.js';
import { runResolvedHistogram } from '../run/histogram-run.js';
import { expandJobs, experimentsOf, notStartedResult, type Job, type JobOutput } from './jobs.js';
import { ResultsCollector } from './collect.js';
import type { RunStore } from './store.js';
import { runJacobian } from '../run/jacobian-run.js';
import { theoryFor } from '../results/theory.js';
import { cpuCount, defaultWorkerFactory, moduleUrls } from '../platform/platform.js';
import { HelperThreads } from '../parallel/helper-threads.js';
import { runInWorkers } from '../parallel/pool.js';
import type { WorkerFactory } from '../parallel/worker-like.js';
import { resolveThreads, type ThreadsOption } from '../parallel/threads.js';
import { RESULTS_SCHEMA_VERSION, type ExperimentResults, type RunStatus } from '../results/results.js';
import type { ResolvedExperiment } from '../config/resolve.js';
import { trainResolved } from '../run/train.js';
import { canShareMemory, datasetTransfer } from '../parallel/transfer.js';
import { parseExperiment } from '../config/validate.js';

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
  /**
   * Keeps every finished run as it ends, and gives back the runs an earlier call finished: those are not run
   * again (resuming a killed sweep). See `RunStore`.
   */
  store?: RunStore;
  /** Runs only shard `index` of `count` (1-based): the cells (jobs, without a grid) whose index ≡ index − 1 (mod count). */
  shard?: Shard;
  /**
   * Computes nothing: the results are assembled from `store` alone, and jobs it lacks are reported `interrupted`
   * (how shards are merged).
   */
  storedOnly?: boolean;
  /** After each job of this call is settled: computed, found in `store`, or stopped by an abort. */
  onRunDone?: (done: RunDone) => void;
}

/** One shard of a sweep: `index` of `count`, from 1. */
export interface Shard {
  index: number;
  count: number;
}

/** What `onRunDone` reports. */
export interface RunDone {
  experiment: string;
  label: string;
  seed: number;
  status: RunStatus;
  /** Whether the run came from `store` instead of being computed. */
  stored: boolean;
  /** Jobs settled so far, and of how many this call runs (its shard's). */
  done: number;
  total: number;
}

/** Whether `job` belongs to `shard`: its cell index (its job index, without a grid) ≡ shard.index − 1 (mod count). */
export function inShard(job: Job, shard: Shard): boolean {
  return (job.cell?.index ?? job.index) % shard.count === shard.index - 1;
}

async function loadDatasets(
  jobs: readonly Job[],
  experiment: ResolvedExperiment,
  options: ExperimentOptions,
  shared: boolean,
) {
  const datasets = new Map<string, Dataset>();
  for (const config of experimentsOf(experiment)) {
    const key = jobs.find((job) => job.experiment === config.name)?.datasetKey ?? '';
    if (config.kind === 'histogram' || key === '' || datasets.has(key)) continue;
    datasets.set(key, options.dataset ?? (await loadDataset(config.dataset, shared)));
  }
  return datasets;
}

async function runOnThisThread(
  jobs: readonly Job[],
  datasets: ReadonlyMap<string, Dataset>,
  options: ExperimentOptions,
  onResult: (job: Job, output: JobOutput) => Promise<void>,
): Promise<void> {
  const { signal, onProgress, onEvaluation } = options;
  // One set of helper threads for every run here, so that a run's helper serves the next run too.
  const ownHelpers = options.helpers === undefined ? HelperThreads.platformDefault() : undefined;
  const helpers = options.helpers === undefined ? (ownHelpers ?? null) : options.helpers;
  try {
    for (const job of jobs) {
      if (signal?.aborted) return;
      const runInfo = { runIndex: job.index, label: job.label, experiment: job.experiment };
      if (job.kind === 'histogram') {
        await onResult(job, runResolvedHistogram(job.config, runInfo));
        continue;
      }
      const dataset = datasets.get(job.datasetKey)!;
      if (job.kind === 'jacobian') {
        await onResult(job, runJacobian(job.config, dataset));
        continue;
      }
      await onResult(
        job,
        await trainResolved(job.config, { dataset, runInfo, signal, onProgress, onEvaluation, helpers }),
      );
    }
  } finally {
    ownHelpers?.close();
  }
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

/** The jobs of this call (its shard's), and those of them `store` already holds, handed to `collector`. */
async function settleStored(
  jobs: readonly Job[],
  options: ExperimentOptions,
  collector: ResultsCollector,
  report: Reporter,
) {
  const pending: Job[] = [];
  for (const job of jobs) {
    const stored = await options.store?.load(job);
    if (stored === undefined) {
      pending.push(job);
      continue;
    }
    collector.add(job, stored);
    report(job, stored, true);
  }
  return options.storedOnly ? [] : pending;
}

type Reporter = (job: Job, output: JobOutput, stored: boolean) => void;

async function runJobs(
  checked: ResolvedExperiment,
  pluginModules: string[],
  options: ExperimentOptions,
): Promise<ExperimentResults> {
  const all = expandJobs(checked);
  const jobs = options.shard ? all.filter((job) => inShard(job, options.shard!)) : all;
  const collector = new ResultsCollector();
  let done = 0;
  const report: Reporter = (job, output, stored) => {
    const status = 'kind' in output ? 'done' : output.status;
    done++;
    const { experiment, label, seed } = job;
    options.onRunDone?.({ experiment, label, seed, status, stored, done, total: jobs.length });
  };
  const pending = await settleStored(jobs, options, collector, report);
  const onResult = async (job: Job, output: JobOutput) => {
    // Saved before it counts as done: a sweep killed after this line finds the run on resuming.
    if (options.store && ('kind' in output || output.status !== 'interrupted')) await options.store.save(job, output);
    collector.add(job, output);
    report(job, output, false);
  };

  const cpus = await cpuCount();
  const workers = Math.max(1, Math.min(options.workers ?? cpus, pending.length));
  const inWorkers = pending.length > 0 && !(options.inProcess ?? workers === 1);
  const threads = resolveThreads(options.threads, cpus, inWorkers ? workers : 1);
  // Shared memory also lets a run on this thread hand half of each step to a helper thread (parallel/half-steps.ts).
  const shared = (inWorkers || threads > 1) && canShareMemory();
  const datasets = await loadDatasets(pending, checked, options, shared);

  let backend: string | undefined;
  let threadsUsed: number | undefined;
  if (inWorkers) {
    ({ backend, threads: threadsUsed } = await runInWorkers(pending, {
      workers,
      createWorker: options.createWorker ?? (await defaultWorkerFactory()),
      datasets: [...datasets].map(([key, dataset]) => [key, datasetTransfer(dataset, shared)]),
      pluginModules,
      backend: options.backend,
      threads,
      onProgress: options.onProgress,
      onEvaluation: options.onEvaluation,
      signal: options.signal,
      onResult,
    }));
  } else if (pending.length > 0) {
    if (options.backend || typeof options.threads === 'number') await setBackend(options.backend ?? 'cpu', { threads });
    await runOnThisThread(pending, datasets, options, onResult);
  }
  // Jobs an abort kept from starting (or, with `storedOnly`, that no store holds) are reported as interrupted.
  for (const job of jobs) if (!collector.has(job)) collector.add(job, notStartedResult(job, backend));
  const experiments = experimentsOf(checked);
  const theory = experiments.flatMap((config) => theoryFor(config) ?? []);
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    experiment: checked.name,
    config: checked,
    environment: await describeEnvironment(
      inWorkers ? workers : 1,
      backend ?? getBackend().name,
      threadsUsed ?? getBackend().threads ?? 1,
    ),
    ...collector.runResults(),
    ...(experiments.some((config) => config.grid) ? { cells: collector.cellResults() } : {}),
    ...(theory.length > 0 ? { theory } : {}),
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
