import { getBackend } from '@initlab/tensor';
import {
  isGroup,
  mergeRun,
  type DatasetSpec,
  type ExperimentConfig,
  type GroupConfig,
  type HistogramRunConfig,
  type RunConfig,
} from '../config/config.js';
import {
  describeInitializer,
  resolveHistogramRunConfig,
  resolveRunConfig,
  type ResolvedExperiment,
  type ResolvedHistogramRunConfig,
  type ResolvedRunConfig,
} from '../config/resolve.js';
import type { RunResult } from '../results/results.js';

/**
 * One (run, seed) of a checked experiment: what a worker is sent. Its config is resolved and is not checked
 * again: a structured clone of it (plain data) is the same config in the worker.
 */
export type Job = TrainJob | HistogramJob;

interface JobBase {
  /** Position in the results' `runs[]`: experiment order, then run order, then seed order. */
  index: number;
  experiment: string;
  label: string;
  seed: number;
  /** Key of the job's dataset among those loaded for the experiment (`''` for the histogram kind). */
  datasetKey: string;
}

export interface TrainJob extends JobBase {
  kind: 'train';
  config: ResolvedRunConfig;
}

export interface HistogramJob extends JobBase {
  kind: 'histogram';
  config: ResolvedHistogramRunConfig;
}

/** The experiments of a group, or the one experiment. */
export function experimentsOf<E extends ExperimentConfig>(experiment: E | (GroupConfig & { experiments: E[] })): E[] {
  return isGroup(experiment) ? (experiment.experiments as E[]) : [experiment as E];
}

/** A stable key for a dataset spec, so experiments of a group that share a dataset load it once. */
export function datasetKey(spec: DatasetSpec | undefined): string {
  return JSON.stringify(spec ?? 'mnist');
}

/** Every (run × seed) job, run-major then seed, experiments in order. */
export function expandJobs(experiment: ResolvedExperiment): Job[] {
  const jobs: Job[] = [];
  for (const config of experimentsOf(experiment)) {
    for (const run of config.runs) {
      for (const seed of config.seeds) {
        const about = { index: jobs.length, experiment: config.name, label: run.label, seed };
        // The experiment was checked as a whole: every merged run has the fields its kind requires.
        const merged = { ...mergeRun(config.base, run), seed };
        jobs.push(
          config.kind === 'histogram'
            ? {
                ...about,
                kind: 'histogram',
                config: resolveHistogramRunConfig(merged as HistogramRunConfig),
                datasetKey: '',
              }
            : {
                ...about,
                kind: 'train',
                config: resolveRunConfig(merged as RunConfig),
                datasetKey: datasetKey(config.dataset),
              },
        );
      }
    }
  }
  return jobs;
}

/** The result of a job that never ran (cancelled before it started); `backend` is the one it would have run on. */
export function notStartedResult(job: Job, backend: string = getBackend().name): RunResult {
  return {
    experiment: job.experiment,
    label: job.label,
    seed: job.seed,
    initializer: describeInitializer(job.config.initializer),
    activation: job.config.activation,
    status: 'interrupted',
    iterations: 0,
    loss: [],
    evals: [],
    layers: [],
    snapshots: [],
    wallTimeMs: 0,
    backend,
    config: job.config,
  };
}
