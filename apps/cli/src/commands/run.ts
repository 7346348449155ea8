import { loadMnist, type Dataset } from '@initlab/datasets';
import { setBackend, type BackendChoice } from '@initlab/tensor';
import type { ThreadsOption } from '@initlab/trainer';
import {
  checkResults,
  isGroup,
  parseExperiment,
  runResolvedExperiment,
  type ExperimentResults,
  type ResolvedExperiment,
  type ResolvedExperimentConfig,
  type RunStore,
  type Shard,
} from '@initlab/trainer';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExitCode, UsageError } from '../errors.js';
import { messageOf } from '../exit.js';
import type { Io } from '../io.js';
import { createCellProgress, createProgress } from '../progress.js';
import { checkResumable, folderStore, manifestOf, writeManifest } from '../sweep-folder.js';
import { prepareOutputDir } from '../output-dir.js';
import { resultsSummary } from '../summary.js';
import { resolveTarget } from '../target.js';
import { checksExitCode, checksText } from './check.js';

/** The flags of `initlab run`, as parsed. */
export interface RunOptions {
  seeds: number[];
  /** Whether --seeds was given (a preset or config file keeps its own seeds otherwise). */
  seedsGiven: boolean;
  iterations?: number;
  out?: string;
  json?: boolean;
  data?: string;
  plugin: string[];
  initializers?: string[];
  workers: number;
  backend: BackendChoice;
  threads: ThreadsOption;
  /** Print the claims that failed and exit 3 when one did. */
  check?: boolean;
  /** Skip the runs already in `--out` (a sweep killed before it finished goes on). */
  resume?: boolean;
  /** Run only this shard of the cells (`--shard k/n`). */
  shard?: Shard;
}

/** Imports each plugin (which registers its initializers) and returns the module URLs for the workers. */
async function loadPlugins(files: readonly string[]): Promise<string[]> {
  const urls: string[] = [];
  for (const file of files) {
    const path = resolve(file);
    if (!existsSync(path)) throw new UsageError(`plugin '${file}' does not exist`);
    const url = pathToFileURL(path).href;
    try {
      await import(url);
    } catch (error) {
      throw new UsageError(`plugin '${file}' failed to load: ${messageOf(error)}`);
    }
    urls.push(url);
  }
  return urls;
}

function timestamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/:/g, '-');
}

function experimentsOf(experiment: ResolvedExperiment): ResolvedExperimentConfig[] {
  return isGroup(experiment) ? experiment.experiments : [experiment];
}

function usesMnist({ kind, dataset }: ResolvedExperimentConfig): boolean {
  return kind !== 'histogram' && (dataset === 'mnist' || (typeof dataset === 'object' && dataset.name === 'mnist'));
}

/** Points every MNIST experiment at `dir`, keeping options the config already gives. */
function withDataDir(experiment: ResolvedExperiment, dir: string): ResolvedExperiment {
  const point = (config: ResolvedExperimentConfig): ResolvedExperimentConfig => {
    if (!usesMnist(config)) return config;
    const options = typeof config.dataset === 'object' ? config.dataset : {};
    return { ...config, dataset: { ...options, name: 'mnist', dir } };
  };
  return isGroup(experiment) ? { ...experiment, experiments: experiment.experiments.map(point) } : point(experiment);
}

/**
 * Loads MNIST up front, so missing or malformed files fail (exit 1) before any training time is spent. Returns
 * the dataset to hand to the trainer when every training experiment uses it (it is then read only once).
 */
async function loadMnistFirst(experiment: ResolvedExperiment): Promise<Dataset | undefined> {
  const training = experimentsOf(experiment).filter((config) => config.kind !== 'histogram');
  const mnist = training.find(usesMnist);
  if (!mnist) return undefined;
  const dir = typeof mnist.dataset === 'object' ? (mnist.dataset.dir as string | undefined) : undefined;
  const dataset = await loadMnist({ dir, shared: true });
  return training.every(usesMnist) ? dataset : undefined;
}

/**
 * `initlab run`: resolve and parse the target (with the flags that override it), check data and output directory,
 * train every run (in workers, with progress on stderr; only the shard's with `--shard`), saving each run into the
 * output folder as it ends (and, with `--resume`, skipping those already there), check the presets' claims, then
 * write results, CSV, figures and the HTML report. Ctrl-C stops the runs, writes what finished and exits 130. With `check`, a failed
 * claim exits 3.
 */
export async function runCommand(target: string, options: RunOptions, io: Io): Promise<number> {
  const pluginModules = await loadPlugins(options.plugin);
  const resolved = await resolveTarget(target);
  // The one parse of the config: a file's issues are reported by their JSON paths, then the flags are applied.
  let experiment = parseExperiment(resolved.input, {
    iterations: options.iterations,
    // Without --seeds a preset or a file runs its own seeds (the presets': 0, 1, 2; book-histogram's and the grids': 0).
    seeds: options.seedsGiven ? options.seeds : undefined,
    initializers: options.initializers,
  });
  if (options.data !== undefined) experiment = withDataDir(experiment, resolve(options.data));
  // Here first, so that a backend that cannot run fails before MNIST is read; the trainer sets it in every worker.
  await setBackend(options.backend);
  const outDir = resolve(options.out ?? `reports/${resolved.name ?? experiment.name}-${timestamp(new Date())}`);
  const manifest = manifestOf(experiment, options.shard ?? null);
  if (options.resume) {
    if (options.out === undefined)
      throw new UsageError('--resume needs --out DIR: the output folder of the sweep to go on with');
    await checkResumable(outDir, manifest);
  }
  await prepareOutputDir(outDir);
  await writeManifest(outDir, manifest);
  // Every run is saved as it ends; only --resume reads back the runs already there.
  const folder = folderStore(outDir);
  const store: RunStore = options.resume ? folder : { load: async () => undefined, save: folder.save };
  const grid = experimentsOf(experiment).some((config) => config.grid !== undefined);
  const progress = grid ? createCellProgress(io.stderr) : createProgress(io.stderr);
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) {
      progress.stop();
      io.stderr.write('\ninitlab: interrupted again — quitting without the report\n');
      process.exit(ExitCode.interrupted);
    }
    progress.log('initlab: interrupted — stopping the runs and writing what finished (Ctrl-C again to quit now)');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  let results: ExperimentResults;
  try {
    // MNIST is loaded inside the call so that nothing holds it while the report is drawn.
    results = await runResolvedExperiment(experiment, {
      workers: options.workers,
      dataset: await loadMnistFirst(experiment),
      signal: controller.signal,
      onProgress: grid ? undefined : (report) => progress.update(report),
      onRunDone: (report) => progress.done(report),
      store,
      shard: options.shard,
      pluginModules,
      backend: options.backend,
      threads: options.threads,
    });
  } finally {
    progress.stop();
  }
  results.checks = checkResults(results);
  // The charting stack (vega, resvg) loads only now, so it adds nothing to the memory peak of training.
  const { writeReport } = await import('@initlab/report/node');
  const report = await writeReport(results, outDir);
  process.off('SIGINT', onInterrupt);

  const failed = options.check ? checksText(results.checks, true) : '';
  const summary = `${resultsSummary(results, Boolean(options.json ? io.stderr.isTTY : io.stdout.isTTY))}\nreport: ${report.report}\n${failed ? `claims that failed:\n${failed}\n` : ''}`;
  if (options.json) {
    io.stderr.write(summary);
    await new Promise<void>((done) => io.stdout.write(`${JSON.stringify(results, null, 2)}\n`, () => done()));
  } else {
    io.stdout.write(summary);
  }
  const interrupted =
    controller.signal.aborted ||
    results.runs.some((run) => run.status === 'interrupted') ||
    (results.cells ?? []).some((cell) => cell.status === 'interrupted');
  if (interrupted) return ExitCode.interrupted;
  return options.check ? checksExitCode(results.checks) : ExitCode.ok;
}
