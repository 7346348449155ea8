import type { Dataset } from '@initlab/datasets';
import type { BackendChoice } from '@initlab/tensor';
import { getPreset, mergeRun, runExperiment, withOverrides, type ExperimentConfig } from '@initlab/trainer';
import { referenceArgs, referenceCommand, runReference } from './numpy.js';

/** The presets whose wall time the suite measures: the book's deep network and the article's sweep. */
export const BENCH_PRESETS = ['book-compare', 'seed-scale'] as const;

/** Wall time of one preset with a given number of workers, each run's matmuls on `threads` threads. */
export interface PresetTiming {
  workers: number;
  threads: number;
  seconds: number;
}

/** One preset's wall times, and NumPy's for the same runs one after another. */
export interface PresetResult {
  name: string;
  /** Training runs (configurations × seeds). */
  runs: number;
  iterationsPerRun: number;
  /** Whether every run had the preset's own length (else `--preset-iterations` shortened it). */
  fullLength: boolean;
  timings: PresetTiming[];
  numpy:
    | {
        /** Sum over the runs of the reference's training and final-evaluation time. */
        seconds: number;
        /** Sum of the reference processes' wall times (Python start and reading MNIST included). */
        processSeconds: number;
        commands: string[];
      }
    | { note: string }
    | null;
}

function configOf(name: string, iterations: number | undefined): ExperimentConfig {
  return withOverrides(getPreset(name), { iterations }) as ExperimentConfig;
}

/** What each run of the preset trains, as merged configs with their seeds. */
function runsOf(config: ExperimentConfig) {
  const seeds = config.seeds ?? [0];
  return (config.runs ?? []).flatMap((run) => seeds.map((seed) => ({ ...mergeRun(config.base, run), seed })));
}

/** How a preset is parallelised: workers (runs at once) × threads (per run's matmuls). */
export interface Parallelism {
  workers: number;
  threads: number;
}

/**
 * Runs a preset as `initlab run` would (same trainer, evaluations and workers, MNIST already loaded) once per
 * entry of `layouts`, timing each whole `runExperiment`.
 */
export async function measurePreset(
  name: string,
  iterations: number | undefined,
  layouts: readonly Parallelism[],
  dataset: Dataset,
  backend: BackendChoice,
): Promise<Omit<PresetResult, 'numpy'>> {
  const config = configOf(name, iterations);
  const runs = runsOf(config);
  const timings: PresetTiming[] = [];
  for (const { workers, threads } of layouts) {
    const start = performance.now();
    const results = await runExperiment(config, { workers, threads, dataset, backend });
    timings.push({ workers, threads: results.environment.threads ?? 1, seconds: (performance.now() - start) / 1000 });
  }
  const lengths = new Set(runs.map((run) => run.iterations));
  const own = new Set(runsOf(configOf(name, undefined)).map((run) => run.iterations));
  return {
    name,
    runs: runs.length,
    iterationsPerRun: runs[0]?.iterations ?? 0,
    fullLength: [...lengths].every((length) => own.has(length)),
    timings,
  };
}

/** The NumPy reference over the preset's runs one after another, or a note when it cannot train one of them. */
export function numpyPreset(
  name: string,
  iterations: number | undefined,
  script: string,
  dataDir: string,
): PresetResult['numpy'] {
  const runs = runsOf(configOf(name, iterations));
  const commands: string[][] = [];
  for (const run of runs) {
    const expressed = referenceArgs(run);
    if ('reason' in expressed) return { note: `NumPy not compared: ${expressed.reason}` };
    commands.push([...expressed.args, '--iters', String(run.iterations), '--seed', String(run.seed)]);
  }
  let seconds = 0;
  let processSeconds = 0;
  for (const args of commands) {
    const timing = runReference(script, dataDir, args);
    seconds += timing.trainSeconds + timing.evalSeconds;
    processSeconds += timing.processSeconds;
  }
  return { seconds, processSeconds, commands: commands.map((args) => referenceCommand(script, dataDir, args)) };
}
