import { writeFileAtomic } from '@initlab/report/node';
import {
  runIdentity,
  sweepIdentity,
  type Job,
  type JobOutput,
  type ResolvedExperiment,
  type RunStore,
  type Shard,
} from '@initlab/trainer';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './errors.js';

/*
 * An output folder as a sweep keeps it: `sweep.json` says which sweep (the sha256 of its resolved config, data
 * folders aside) and which shard; `runs/<sha256>.json` holds each finished run, named by the hash of its identity
 * (kind, dataset, resolved config with its seed), written as soon as the run ends (temp file + rename). A killed
 * sweep resumes from them (`--resume`); `initlab merge` reads the shards' runs from them.
 */

/** The file that marks a folder as a sweep's, and says which. */
export const SWEEP_FILE = 'sweep.json';
const RUNS_FOLDER = 'runs';

/** What `sweep.json` holds. */
export interface SweepManifest {
  format: 'initlab-sweep/1';
  experiment: string;
  /** sha256 of the sweep's identity: equal for every shard of one sweep, and only for them. */
  sweep: string;
  shard: Shard | null;
  /** The resolved experiment, as `initlab run` parsed it (merge runs it again from the parts' runs). */
  config: ResolvedExperiment;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The manifest of `experiment` run as `shard`. */
export function manifestOf(experiment: ResolvedExperiment, shard: Shard | null): SweepManifest {
  return {
    format: 'initlab-sweep/1',
    experiment: experiment.name,
    sweep: sha256(sweepIdentity(experiment)),
    shard,
    config: experiment,
  };
}

/** The manifest of the sweep whose folder `dir` is, or undefined when it has none. Throws (exit 2) when it is unreadable. */
export async function readManifest(dir: string): Promise<SweepManifest | undefined> {
  const path = join(dir, SWEEP_FILE);
  if (!existsSync(path)) return undefined;
  let manifest: Partial<SweepManifest>;
  try {
    manifest = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`'${path}' is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (manifest.format !== 'initlab-sweep/1' || typeof manifest.sweep !== 'string' || !manifest.config) {
    throw new UsageError(`'${path}' is not the sweep.json of initlab run`);
  }
  return manifest as SweepManifest;
}

/**
 * Checks that `--resume` may continue in `dir`: a folder that is missing or empty starts afresh; otherwise it must
 * hold this very sweep. Throws a UsageError (exit 2), having written nothing, when it holds another.
 */
export async function checkResumable(dir: string, manifest: SweepManifest): Promise<void> {
  const existing = await readManifest(dir);
  if (existing === undefined) {
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      throw new UsageError(
        `--resume: '${dir}' is not the output folder of a sweep (it has no ${SWEEP_FILE}); choose another --out`,
      );
    }
    return;
  }
  if (existing.sweep !== manifest.sweep) {
    const what =
      existing.experiment === manifest.experiment ? 'another config of the same name' : `'${existing.experiment}'`;
    throw new UsageError(
      `--resume: '${dir}' holds the runs of ${what}, not of this '${manifest.experiment}' (sweep ${existing.sweep.slice(0, 12)} ≠ ${manifest.sweep.slice(0, 12)}); resume with the same config and overrides, or choose another --out`,
    );
  }
}

/** Writes `sweep.json` into `dir` (atomically). */
export async function writeManifest(dir: string, manifest: SweepManifest): Promise<void> {
  await mkdir(join(dir, RUNS_FOLDER), { recursive: true });
  await writeFileAtomic(join(dir, SWEEP_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** What a run file holds: its identity (to tell a hash collision from the run) and its output. */
interface RunFile {
  identity: string;
  experiment: string;
  label: string;
  seed: number;
  output: JobOutput;
}

/** The path of `job`'s run file in a sweep folder. */
export function runFilePath(dir: string, job: Job): string {
  return join(dir, RUNS_FOLDER, `${sha256(runIdentity(job))}.json`);
}

/**
 * JSON writes a diverged run's non-finite losses as null; they are NaN again here, so that what is computed from a
 * saved run (its cell, its preset's metrics) is what the run gave when it ended.
 */
function revived(output: JobOutput): JobOutput {
  if ('kind' in output) return output;
  return { ...output, loss: output.loss.map((value) => value ?? Number.NaN) };
}

async function readRun(path: string, identity: string): Promise<JobOutput | undefined> {
  if (!existsSync(path)) return undefined;
  const file = JSON.parse(await readFile(path, 'utf8')) as RunFile;
  return file.identity === identity ? revived(file.output) : undefined;
}

/**
 * The runs of a sweep folder: saved into `dir`, looked up in `dir` and then in `from` (the parts a merge reads).
 * `copy` also saves a run found in `from` into `dir`, so that the merged folder can be resumed.
 */
export function folderStore(dir: string, from: readonly string[] = [], copy = false): RunStore {
  const store: RunStore = {
    async load(job) {
      const identity = runIdentity(job);
      const own = await readRun(runFilePath(dir, job), identity);
      if (own !== undefined) return own;
      for (const part of from) {
        const output = await readRun(runFilePath(part, job), identity);
        if (output === undefined) continue;
        if (copy) await store.save(job, output);
        return output;
      }
      return undefined;
    },
    async save(job, output) {
      const file: RunFile = {
        identity: runIdentity(job),
        experiment: job.experiment,
        label: job.label,
        seed: job.seed,
        output,
      };
      await writeFileAtomic(runFilePath(dir, job), JSON.stringify(file));
    },
  };
  return store;
}
