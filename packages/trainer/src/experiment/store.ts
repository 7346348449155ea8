import { isPlainObject } from '../config/config.js';
import type { ResolvedExperiment } from '../config/resolve.js';
import { stableJson } from '../grid/stable-json.js';
import type { Job, JobOutput } from './jobs.js';

/**
 * Where finished runs are kept as they end, so that a sweep that was killed goes on where it stopped, and the
 * shards of a sweep can be merged (`ExperimentOptions.store`). The trainer knows only this interface; the CLI
 * keeps each run in a file of the output folder named by the sha256 of `runIdentity(job)`.
 */
export interface RunStore {
  /** The output an earlier call saved for this job, or undefined. */
  load(job: Job): Promise<JobOutput | undefined>;
  /** Called as soon as a job finishes (done or diverged, never interrupted), before the next job starts on its worker. */
  save(job: Job, output: JobOutput): Promise<void>;
}

/** A dataset spec without `dir`: where the data is read from is no part of what a run computes. */
function withoutDir(spec: unknown): unknown {
  if (!isPlainObject(spec)) return spec;
  const { dir: _dir, ...rest } = spec;
  return rest;
}

/**
 * What identifies a job's run, as stable JSON: its kind, its dataset and its resolved config (the seed included).
 * Two jobs with the same identity compute the same numbers.
 */
export function runIdentity(job: Job): string {
  const dataset = job.datasetKey === '' ? null : withoutDir(JSON.parse(job.datasetKey));
  return stableJson({ kind: job.kind, dataset, config: job.config });
}

/** What identifies a sweep, as stable JSON: its resolved config, datasets without `dir` (shards may read data from anywhere). */
export function sweepIdentity(experiment: ResolvedExperiment): string {
  const strip = (config: Record<string, unknown>) =>
    config.dataset === undefined ? config : { ...config, dataset: withoutDir(config.dataset) };
  const experiments = (experiment as { experiments?: Record<string, unknown>[] }).experiments;
  return stableJson(experiments ? { ...experiment, experiments: experiments.map(strip) } : strip({ ...experiment }));
}
