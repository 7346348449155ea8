import { getBackend } from '@initlab/tensor';
import { isGroup, mergeRun, type DatasetSpec, type Experiment, type ExperimentConfig, type RunConfig } from './config.js';
import { describeInitializer } from './resolve.js';
import type { RunResult } from './results.js';

/** One (run, seed) of an experiment: what a worker is sent. */
export interface Job {
  /** Position in the results' `runs[]`: experiment order, then run order, then seed order. */
  index: number;
  experiment: string;
  label: string;
  seed: number;
  kind: 'train' | 'histogram';
  config: RunConfig;
  /** Key of the job's dataset among those loaded for the experiment (`''` for the histogram kind). */
  datasetKey: string;
}

/** The experiments of a group, or the one experiment. */
export function experimentsOf(experiment: Experiment): ExperimentConfig[] {
  return isGroup(experiment) ? experiment.experiments : [experiment];
}

/** A stable key for a dataset spec, so experiments of a group that share a dataset load it once. */
export function datasetKey(spec: DatasetSpec | undefined): string {
  return JSON.stringify(spec ?? 'mnist');
}

/** Every (run × seed) job, run-major then seed, experiments in order. */
export function expandJobs(experiment: Experiment): Job[] {
  const jobs: Job[] = [];
  for (const config of experimentsOf(experiment)) {
    const kind = config.kind ?? 'train';
    for (const run of config.runs) {
      for (const seed of config.seeds) {
        jobs.push({
          index: jobs.length,
          experiment: config.name,
          label: run.label,
          seed,
          kind,
          config: { ...(mergeRun(config.base, run) as RunConfig), seed },
          datasetKey: kind === 'histogram' ? '' : datasetKey(config.dataset),
        });
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
