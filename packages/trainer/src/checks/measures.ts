/**
 * What claims measure on a run. Losses are means over a window of iterations (the mini-batch loss alone is too
 * noisy to compare); a diverged run's missing or non-finite losses count as +∞, so it loses every comparison.
 */
import type { LayerStats, RunResult } from '../results/results.js';

/** ln 10: the cross-entropy of a uniform guess over MNIST's ten classes. */
export const CHANCE_LOSS = Math.log(10);

/** Mean training loss over iterations `from`…`to` (1-based, inclusive). */
export function meanLoss(run: RunResult, from: number, to: number): number {
  let sum = 0;
  for (let iteration = from; iteration <= to; iteration++) {
    const value = run.loss[iteration - 1] as number | null | undefined;
    if (value === null || value === undefined || !Number.isFinite(value)) return Infinity;
    sum += value;
  }
  return sum / (to - from + 1);
}

/** Mean training loss over the run's last `count` iterations; +∞ for a run that diverged. */
export function finalLoss(run: RunResult, count: number): number {
  return run.status === 'diverged' ? Infinity : meanLoss(run, run.iterations - count + 1, run.iterations);
}

/** The first evaluated iteration whose test accuracy reached `target`; +∞ when none did. */
export function iterationToAccuracy(run: RunResult, target: number): number {
  return run.evals.find((point) => point.testAccuracy >= target)?.iteration ?? Infinity;
}

/** Test accuracy at the last evaluation at or before `iteration` (0 when none was made). */
export function testAccuracyAt(run: RunResult, iteration: number): number {
  let accuracy = 0;
  for (const point of run.evals) if (point.iteration <= iteration) accuracy = point.testAccuracy;
  return accuracy;
}

/** Test accuracy at the run's last evaluation (0 when none was made). */
export function finalTestAccuracy(run: RunResult): number {
  return run.evals.at(-1)?.testAccuracy ?? 0;
}

/**
 * The first iteration from which the mean loss over the next `window` iterations is more than `drop` below
 * ln 10: when the run stops guessing. +∞ when it never does.
 */
export function iterationLeavingChance(run: RunResult, window: number, drop: number): number {
  const limit = (CHANCE_LOSS - drop) * window;
  let sum = 0;
  for (let i = 0; i < run.loss.length; i++) {
    const value = run.loss[i] as number | null;
    if (value === null || !Number.isFinite(value)) return Infinity;
    sum += value;
    if (i >= window) sum -= run.loss[i - window];
    if (i >= window - 1 && sum < limit) return i - window + 2;
  }
  return Infinity;
}

/** Standard deviation of each hidden layer's outputs, first layer first (at the last evaluation, or of book-histogram's single forward pass). */
export function layerStds(run: RunResult): number[] {
  return run.layers.map((layer: LayerStats) => layer.std);
}
