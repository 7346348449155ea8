import type { Dataset, TransferableDataset } from '@initlab/datasets';
import { aggregate } from './aggregate.js';
import { isGroup, type DatasetSpec, type Experiment } from './config.js';
import { loadDataset, shareDataset } from './datasets.js';
import { cpuCount, describeEnvironment, isNode } from './environment.js';
import { runHistogram } from './histogram-run.js';
import { datasetKey, expandJobs, experimentsOf, notStartedResult, type Job } from './jobs.js';
import { runInWorkers, type WorkerFactory } from './pool.js';
import { RESULTS_SCHEMA_VERSION, type ExperimentResults, type RunResult } from './results.js';
import { train, type Progress } from './train.js';
import { validateExperiment, validateGroup } from './validate.js';

/** How `runExperiment` runs. */
export interface ExperimentOptions {
  /** Parallel workers (default: one per CPU, at most one per job); 1 runs every job on this thread. */
  workers?: number;
  /** Used by every training experiment instead of the dataset its config names. */
  dataset?: Dataset;
  /** Aborting keeps finished runs, stops running ones (status `'interrupted'`, with what they recorded) and skips the rest. */
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
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
}

async function resolvePluginUrls(modules: readonly string[]): Promise<string[]> {
  if (!isNode()) return [...modules];
  const { pathToFileURL } = await import('node:url');
  const path = await import('node:path');
  return modules.map((module) => (/^[a-z][a-z0-9+.-]*:/i.test(module) && !/^[a-z]:[\\/]/i.test(module) ? module : pathToFileURL(path.resolve(module)).href));
}

/** The worker script next to this module in `dist`; from the TypeScript sources (tests), the built one. */
function defaultWorkerUrl(): URL {
  const here = import.meta.url;
  return /\.ts$/.test(here) ? new URL('../dist/worker.js', here) : new URL('./worker.js', here);
}

async function defaultCreateWorker(): Promise<WorkerFactory> {
  const url = defaultWorkerUrl();
  if (isNode()) {
    const { Worker } = await import('node:worker_threads');
    return () => new Worker(url);
  }
  return () => new Worker(url, { type: 'module' });
}

async function loadDatasets(jobs: readonly Job[], experiment: Experiment, options: ExperimentOptions, shared: boolean) {
  const datasets = new Map<string, Dataset>();
  for (const config of experimentsOf(experiment)) {
    const key = datasetKey(config.dataset);
    if ((config.kind ?? 'train') !== 'train' || datasets.has(key) || !jobs.some((job) => job.datasetKey === key)) continue;
    datasets.set(key, options.dataset ?? (await loadDataset(config.dataset as DatasetSpec | undefined, shared)));
  }
  return datasets;
}

async function runOnThisThread(
  jobs: readonly Job[],
  datasets: ReadonlyMap<string, Dataset>,
  options: ExperimentOptions,
): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (const job of jobs) {
    if (options.signal?.aborted) {
      results.push(notStartedResult(job));
      continue;
    }
    const runInfo = { runIndex: job.index, label: job.label, experiment: job.experiment };
    if (job.kind === 'histogram') {
      results.push(runHistogram(job.config, runInfo));
      continue;
    }
    const dataset = datasets.get(job.datasetKey)!;
    results.push(await train(job.config, { dataset, runInfo, signal: options.signal, onProgress: options.onProgress }));
  }
  return results;
}

/** The config as it ran: each experiment with its `kind` and `dataset` defaults made explicit. */
function resolvedConfig(experiment: Experiment): unknown {
  const withDefaults = experimentsOf(experiment).map((config) => ({
    ...config,
    kind: config.kind ?? 'train',
    dataset: config.dataset ?? 'mnist',
  }));
  return isGroup(experiment) ? { ...experiment, experiments: withDefaults } : withDefaults[0];
}

/**
 * Runs every (run × seed) job of an experiment or a group, in parallel workers, and assembles the results:
 * `runs[]` in config order (experiment, run, then seed) whatever order they finish in, identical to a
 * serial run (`workers: 1`), with aggregates across seeds. Throws a ConfigError for an invalid config.
 */
export async function runExperiment(experiment: Experiment, options: ExperimentOptions = {}): Promise<ExperimentResults> {
  const pluginModules = await resolvePluginUrls(options.pluginModules ?? []);
  for (const url of pluginModules) await import(/* @vite-ignore */ url);
  const checked: Experiment = isGroup(experiment) ? validateGroup(experiment) : validateExperiment(experiment);
  const jobs = expandJobs(checked);
  const workers = Math.max(1, Math.min(options.workers ?? (await cpuCount()), jobs.length));
  const inWorkers = workers > 1;
  const datasets = await loadDatasets(jobs, checked, options, inWorkers);

  let runs: RunResult[];
  if (inWorkers) {
    const shared: [string, TransferableDataset][] = [...datasets].map(([key, dataset]) => [key, shareDataset(dataset)]);
    runs = await runInWorkers(jobs, {
      workers,
      createWorker: options.createWorker ?? (await defaultCreateWorker()),
      datasets: shared,
      pluginModules,
      onProgress: options.onProgress,
      signal: options.signal,
    });
  } else {
    runs = await runOnThisThread(jobs, datasets, options);
  }
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    experiment: checked.name,
    config: resolvedConfig(checked),
    environment: await describeEnvironment(workers),
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
