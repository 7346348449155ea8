import { getBackend } from '@initlab/tensor';
import {
  isGroup,
  mergeRun,
  type DatasetSpec,
  type ExperimentConfig,
  type GroupConfig,
  type HistogramRunConfig,
  type RunConfig,
  type RunSettings,
} from '../config/config.js';
import {
  describeInitializer,
  resolveHistogramRunConfig,
  resolveJacobianRunConfig,
  resolveRunConfig,
  type ResolvedExperiment,
  type ResolvedExperimentConfig,
  type ResolvedHistogramRunConfig,
  type ResolvedJacobianRunConfig,
  type ResolvedRunConfig,
} from '../config/resolve.js';
import { expandCells } from '../grid/cells.js';
import type { Coordinate, RunResult } from '../results/results.js';
import type { JacobianOutput } from '../run/jacobian-run.js';

/**
 * One (run, seed) of a checked experiment: what a worker is sent. Its config is resolved and is not checked
 * again: a structured clone of it (plain data) is the same config in the worker.
 */
export type Job = TrainJob | HistogramJob | JacobianJob;

/** What a job hands back: a run's result, or a Jacobian cell's spectrum. */
export type JobOutput = RunResult | JacobianOutput;

/** Where a job sits in its experiment's grid. */
export interface JobCell {
  /** The cell's index in the grid's order. */
  index: number;
  coordinates: Record<string, Coordinate>;
}

interface JobBase {
  /** Position among all jobs: experiment order, then run (or cell) order, then seed order. */
  index: number;
  experiment: string;
  label: string;
  seed: number;
  /** Key of the job's dataset among those loaded for the experiment (`''` for the histogram kind). */
  datasetKey: string;
  /** The job's cell, for an experiment with a grid. */
  cell?: JobCell;
}

export interface TrainJob extends JobBase {
  kind: 'train';
  config: ResolvedRunConfig;
}

export interface HistogramJob extends JobBase {
  kind: 'histogram';
  config: ResolvedHistogramRunConfig;
}

export interface JacobianJob extends JobBase {
  kind: 'jacobian';
  config: ResolvedJacobianRunConfig;
}

/** The experiments of a group, or the one experiment. */
export function experimentsOf<E extends ExperimentConfig>(experiment: E | (GroupConfig & { experiments: E[] })): E[] {
  return isGroup(experiment) ? (experiment.experiments as E[]) : [experiment as E];
}

/** A stable key for a dataset spec, so experiments of a group that share a dataset load it once. */
export function datasetKey(spec: DatasetSpec | undefined): string {
  return JSON.stringify(spec ?? 'mnist');
}

/** One job of `config`: its merged settings resolved for the experiment's kind. */
function jobOf(config: ResolvedExperimentConfig, about: JobBase, merged: RunSettings): Job {
  switch (config.kind) {
    case 'histogram':
      return { ...about, kind: 'histogram', config: resolveHistogramRunConfig(merged as HistogramRunConfig) };
    case 'jacobian':
      return { ...about, kind: 'jacobian', config: resolveJacobianRunConfig(merged as HistogramRunConfig) };
    default:
      return { ...about, kind: 'train', config: resolveRunConfig(merged as RunConfig) };
  }
}

/**
 * Every job, experiments in order: run-major then seed, or for a grid its cells in the grid's order (see
 * `expandCells`). The experiment was checked as a whole: every merged run has the fields its kind requires.
 */
export function expandJobs(experiment: ResolvedExperiment): Job[] {
  const jobs: Job[] = [];
  for (const config of experimentsOf(experiment)) {
    const key = config.kind === 'histogram' ? '' : datasetKey(config.dataset);
    const about = (label: string, seed: number) => ({
      index: jobs.length,
      experiment: config.name,
      label,
      seed,
      datasetKey: key,
    });
    for (const cell of expandCells(config)) {
      const { index, coordinates } = cell;
      jobs.push(
        jobOf(
          config,
          { ...about(cell.label, cell.seed), cell: { index, coordinates } },
          { ...cell.settings, seed: cell.seed },
        ),
      );
    }
    for (const run of config.runs ?? []) {
      for (const seed of config.seeds)
        jobs.push(jobOf(config, about(run.label, seed), { ...mergeRun(config.base, run), seed }));
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
