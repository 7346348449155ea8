import type { Aggregate, CellResult, ExperimentResults, RunResult } from '@initlab/trainer';
import { smoothCurve } from './smooth.js';

/** Test accuracy that counts as "learned" in the summary table. */
export const ACCURACY_TARGET = 0.9;

/**
 * The experiments (presets) with runs or grid cells in the results: in a group's order, else in the order their
 * runs, then their cells, appear.
 */
export function experimentNames(results: ExperimentResults): string[] {
  const present = new Set([...results.runs, ...(results.cells ?? [])].map((item) => item.experiment));
  const config = results.config as ConfigShape | undefined;
  const order = Array.isArray(config?.experiments) ? config.experiments.map((member) => member.name) : [];
  return [...new Set([...order.filter((name): name is string => present.has(name as string)), ...present])];
}

/** Grid cells of one experiment, in the grid's order. */
export function cellsOf(results: ExperimentResults, experiment: string): CellResult[] {
  return (results.cells ?? []).filter((cell) => cell.experiment === experiment);
}

/** Runs of one experiment. */
export function runsOf(results: ExperimentResults, experiment: string): RunResult[] {
  return results.runs.filter((run) => run.experiment === experiment);
}

/** Aggregates of one experiment. */
export function aggregatesOf(results: ExperimentResults, experiment: string): Aggregate[] {
  return results.aggregates.filter((aggregate) => aggregate.experiment === experiment);
}

/** Run labels in the order they first appear (the order the preset lists them). */
export function labelsOf(runs: readonly RunResult[]): string[] {
  return [...new Set(runs.map((run) => run.label))];
}

/** One run per label, in label order: the one with the smallest seed, so single-run figures are reproducible. */
export function firstSeedRuns(runs: readonly RunResult[]): RunResult[] {
  const byLabel = new Map<string, RunResult>();
  for (const run of runs) {
    const current = byLabel.get(run.label);
    if (!current || run.seed < current.seed) byLabel.set(run.label, run);
  }
  return labelsOf(runs).map((label) => byLabel.get(label)!);
}

/** Whether several seeds ran for the labels of an experiment, so curves become mean ± spread bands. */
export function hasSeedBands(aggregates: readonly Aggregate[]): boolean {
  return aggregates.some((aggregate) => aggregate.seeds.length > 1);
}

/**
 * A sweep over one initializer's parameter (the book's σ = 1.0 … 0.001): every run uses the same initializer
 * and only its parameters differ. Such experiments get one panel per label, like the book's figures.
 */
export function isParameterSweep(runs: readonly RunResult[]): boolean {
  const names = new Set(runs.map((run) => run.initializer.name));
  return names.size === 1 && labelsOf(runs).length > 1;
}

/**
 * The loss up to (not including) the first non-finite value: a diverged run's curve ends where it diverged.
 * Accepts the `null`s that JSON makes of NaN and Infinity.
 */
export function finiteLoss(loss: readonly (number | null)[]): number[] {
  const out: number[] = [];
  for (const value of loss) {
    if (value === null || !Number.isFinite(value)) break;
    out.push(value);
  }
  return out;
}

/** The figures of the summary table for one run. */
export interface RunMetrics {
  /** Last value of the smoothed loss, `null` when no finite loss was recorded or the run diverged. */
  finalLoss: number | null;
  finalTestAccuracy: number | null;
  /** First evaluated iteration whose test accuracy reached {@link ACCURACY_TARGET}, `null` if none did. */
  iterationToTarget: number | null;
}

/** Summary figures of one run; a run that diverged has no final loss or accuracy (its status says where it stopped). */
export function runMetrics(run: RunResult): RunMetrics {
  const diverged = run.status === 'diverged';
  const loss = diverged ? [] : smoothCurve(finiteLoss(run.loss));
  const lastEval = diverged ? undefined : run.evals[run.evals.length - 1];
  const reached = run.evals.find((point) => point.testAccuracy >= ACCURACY_TARGET);
  return {
    finalLoss: loss.length > 0 ? loss[loss.length - 1] : null,
    finalTestAccuracy: lastEval ? lastEval.testAccuracy : null,
    iterationToTarget: reached ? reached.iteration : null,
  };
}

/** MNIST's training set, the default dataset of every preset. */
const MNIST_TRAIN_SIZE = 60_000;

interface ConfigShape {
  name?: unknown;
  description?: unknown;
  dataset?: unknown;
  kind?: unknown;
  base?: { batchSize?: unknown; trainSubset?: unknown };
  runs?: { batchSize?: unknown; trainSubset?: unknown }[];
  grid?: { axes?: { name?: unknown }[]; heatmap?: { x?: unknown; y?: unknown } };
  experiments?: ConfigShape[];
}

/** The resolved config of one experiment of the results (the config itself, or a member of a group). */
export function experimentConfig(results: ExperimentResults, experiment: string): ConfigShape | undefined {
  const config = results.config as ConfigShape | undefined;
  if (!config || typeof config !== 'object') return undefined;
  if (Array.isArray(config.experiments)) return config.experiments.find((member) => member.name === experiment);
  return config;
}

/** The description a preset or config gives itself, if any. */
export function describe(config: ConfigShape | undefined): string | undefined {
  return typeof config?.description === 'string' ? config.description : undefined;
}

/**
 * Iterations per epoch on MNIST, as the book counts them (training-set size / batch size; the training set is
 * `trainSubset` where one is given), when every run of the experiment shares one batch size and one training
 * set; `null` otherwise (other datasets, mixed batch sizes or subsets).
 */
export function iterationsPerEpoch(config: ConfigShape | undefined): number | null {
  if (!config || (config.dataset !== undefined && config.dataset !== 'mnist')) return null;
  const sizes = new Set((config.runs ?? []).map((run) => run.batchSize ?? config.base?.batchSize));
  if (sizes.size === 0) sizes.add(config.base?.batchSize);
  const subsets = new Set((config.runs ?? []).map((run) => run.trainSubset ?? config.base?.trainSubset));
  if (subsets.size === 0) subsets.add(config.base?.trainSubset);
  const [size] = [...sizes];
  const [subset] = [...subsets];
  const trainSize = subset === undefined ? MNIST_TRAIN_SIZE : subset;
  if (sizes.size !== 1 || subsets.size !== 1 || typeof trainSize !== 'number') return null;
  return typeof size === 'number' && size > 0 ? Math.max(trainSize / size, 1) : null;
}
