import type { Dataset } from '@initlab/datasets';
import { runHistogram } from './histogram-run.js';
import type { Job } from './jobs.js';
import type { RunResult } from './results.js';
import { trainSync, type Progress } from './train.js';
import { TrainerError } from './errors.js';

/** Runs one job to completion on this thread (what a worker does with each job it is sent). */
export function executeJob(
  job: Job,
  datasets: ReadonlyMap<string, Dataset>,
  onProgress?: (progress: Progress) => void,
  shouldStop?: () => boolean,
): RunResult {
  const runInfo = { runIndex: job.index, label: job.label, experiment: job.experiment };
  if (job.kind === 'histogram') return runHistogram(job.config, runInfo);
  const dataset = datasets.get(job.datasetKey);
  if (!dataset) throw new TrainerError(`run '${job.label}' (seed ${job.seed}): dataset ${job.datasetKey} was not loaded`);
  return trainSync(job.config, { dataset, onProgress, shouldStop, runInfo });
}
