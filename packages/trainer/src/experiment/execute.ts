import type { Dataset } from '@initlab/datasets';
import { runResolvedHistogram } from '../run/histogram-run.js';
import type { Job, JobOutput } from './jobs.js';
import { runJacobian } from '../run/jacobian-run.js';
import { trainInWorker, trainResolved, type TrainSyncOptions } from '../run/train.js';
import { TrainerError } from '../errors.js';

/** What a job reports while it runs, and how it is asked to stop: a polled flag, or a signal. */
export interface JobControls
  extends Pick<TrainSyncOptions, 'onProgress' | 'onEvaluation' | 'shouldStop' | 'helpers' | 'spareCores'> {
  /** When given, the run yields every ~50 ms (so a message can abort it) instead of polling `shouldStop`. */
  signal?: AbortSignal;
}

/** Runs one job to completion on this thread (what a worker does with each job it is sent); its config is used as it is. */
export async function executeJob(
  job: Job,
  datasets: ReadonlyMap<string, Dataset>,
  controls: JobControls = {},
): Promise<JobOutput> {
  const runInfo = { runIndex: job.index, label: job.label, experiment: job.experiment };
  if (job.kind === 'histogram') return runResolvedHistogram(job.config, runInfo);
  const dataset = datasets.get(job.datasetKey);
  if (!dataset)
    throw new TrainerError(`run '${job.label}' (seed ${job.seed}): dataset ${job.datasetKey} was not loaded`);
  if (job.kind === 'jacobian') return runJacobian(job.config, dataset);
  const { signal, shouldStop, ...callbacks } = controls;
  if (signal) return trainResolved(job.config, { ...callbacks, dataset, runInfo, signal });
  return trainInWorker(job.config, { ...callbacks, dataset, runInfo, shouldStop });
}
