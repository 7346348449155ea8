import { checkResults, runResolvedExperiment, type Environment, type ExperimentResults } from '@initlab/trainer';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ExitCode, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { prepareOutputDir } from '../output-dir.js';
import { resultsSummary } from '../summary.js';
import { folderStore, readManifest, writeManifest, type SweepManifest } from '../sweep-folder.js';

/** The environment a part recorded in its results.json (the machine its runs ran on), if it wrote one. */
async function partEnvironment(dir: string): Promise<Environment | undefined> {
  const path = join(dir, 'results.json');
  if (!existsSync(path)) return undefined;
  try {
    return (JSON.parse(await readFile(path, 'utf8')) as ExperimentResults).environment;
  } catch {
    return undefined;
  }
}

/** Every part's manifest; throws (exit 2) for a folder that is no sweep's, or parts of different sweeps. */
async function manifestsOf(parts: readonly string[]): Promise<SweepManifest[]> {
  const manifests: SweepManifest[] = [];
  for (const part of parts) {
    const manifest = await readManifest(part);
    if (!manifest) {
      throw new UsageError(
        `'${part}' is not the output folder of a sweep (it has no sweep.json): give the --out folders of the shards`,
      );
    }
    const first = manifests[0] ?? manifest;
    if (manifest.sweep !== first.sweep) {
      throw new UsageError(
        `'${parts[0]}' and '${part}' are parts of different sweeps ('${first.experiment}' ${first.sweep.slice(0, 12)}, '${manifest.experiment}' ${manifest.sweep.slice(0, 12)}): merge only the shards of one sweep, run with the same config and overrides`,
      );
    }
    manifests.push(manifest);
  }
  return manifests;
}

/** `#3 sigmaW2=1.5, depth=20 seed 0` for each cell (run) that no part holds. */
function missingOf(results: ExperimentResults): string[] {
  if (results.cells) {
    return results.cells
      .filter((cell) => cell.status === 'interrupted')
      .map((cell) => {
        const label = Object.entries(cell.coordinates)
          .map(([name, value]) => `${name}=${value}`)
          .join(', ');
        return `#${cell.index} ${label} seed ${cell.seed}`;
      });
  }
  return results.runs
    .map((run, index) => ({ run, index }))
    .filter(({ run }) => run.status === 'interrupted')
    .map(({ run, index }) => `#${index} ${run.experiment} ${run.label} seed ${run.seed}`);
}

/**
 * `initlab merge <out> <part>...`: the shards' output folders (`initlab run --shard k/n --out <part>`) combined into
 * one results.json and report in `out`, assembled as the unsharded run assembles them, from the runs the parts
 * saved. The parts' runs are copied into `out`, so `initlab run --resume --out <out>` computes what is missing.
 * Cells in no part are listed on stderr, marked `interrupted`, and the exit code is 4.
 */
export async function mergeCommand(out: string, parts: readonly string[], io: Io): Promise<number> {
  const partDirs = parts.map((part) => resolve(part));
  const manifests = await manifestsOf(partDirs);
  const outDir = resolve(out);
  const sweep: SweepManifest = { ...manifests[0], shard: null };
  const existing = partDirs.includes(outDir) ? undefined : await readManifest(outDir);
  if (existing && existing.sweep !== sweep.sweep) {
    throw new UsageError(
      `'${out}' holds another sweep ('${existing.experiment}'); merge into an empty folder or one of this sweep`,
    );
  }
  await prepareOutputDir(outDir);
  await writeManifest(outDir, sweep);
  const results = await runResolvedExperiment(sweep.config, {
    store: folderStore(outDir, partDirs, true),
    storedOnly: true,
    workers: 1,
  });
  const environment = await partEnvironment(partDirs[0]);
  if (environment) results.environment = { ...environment, date: results.environment.date };
  results.checks = checkResults(results);
  const { writeReport } = await import('@initlab/report/node');
  const report = await writeReport(results, outDir);
  io.stdout.write(`${resultsSummary(results, Boolean(io.stdout.isTTY))}\nreport: ${report.report}\n`);
  const missing = missingOf(results);
  if (missing.length === 0) return ExitCode.ok;
  const total = results.cells?.length ?? results.runs.length;
  const what = results.cells ? 'cells' : 'runs';
  io.stderr.write(
    `initlab merge: ${missing.length} of ${total} ${what} are in no part (a shard missing or unfinished):\n${missing.map((line) => `  ${line}`).join('\n')}\n`,
  );
  return ExitCode.incomplete;
}
