import type { RunResult } from './results.js';

/** A figure computed from one run's result (e.g. its learning time); `null` where the run never reached it. */
export type RunMetric = (run: RunResult) => number | null;

/**
 * The figures each preset computes from its runs, by preset name, recorded as `runs[].metrics`. Presets not
 * listed have none: their runs carry no `metrics`.
 */
export const presetMetrics: Readonly<Record<string, Readonly<Record<string, RunMetric>>>> = {
  /** Saxe et al.: when the 50-iteration mean loss first falls below 0.5 (`null`: never in the run). */
  'saxe-orthogonal': { learningTime: (run) => learningTime(run.loss, 50, 0.5) },
};

/** The metrics a preset declares (none for config files and unknown names). */
export function metricsFor(experiment: string): Readonly<Record<string, RunMetric>> {
  return Object.hasOwn(presetMetrics, experiment) ? presetMetrics[experiment] : {};
}

/** `value` when it is a finite number, else null: how results.json records a figure that never became one. */
export function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * `runs` with each run's `metrics` computed by its experiment's metrics (`metricsOf`); a run whose experiment
 * declares none is returned as it is, without a `metrics` field. Non-finite figures are recorded as `null`.
 */
export function withMetrics(
  runs: readonly RunResult[],
  metricsOf: (experiment: string) => Readonly<Record<string, RunMetric>> = metricsFor,
): RunResult[] {
  return runs.map((run) => {
    const entries = Object.entries(metricsOf(run.experiment));
    if (entries.length === 0) return run;
    const metrics: Record<string, number | null> = {};
    for (const [name, metric] of entries) {
      const value = metric(run);
      metrics[name] = finiteOrNull(value);
    }
    return { ...run, metrics };
  });
}

/**
 * The first iteration t ≥ window − 1 at which the mean of the losses of iterations t − window + 1 … t is below
 * `threshold` (0-based iterations, as `RunResult.loss`), or `null` if none is: Saxe et al.'s learning time with
 * a moving average in place of their smoothed curve.
 */
export function learningTime(loss: readonly number[], window: number, threshold: number): number | null {
  if (!Number.isSafeInteger(window) || window < 1) {
    throw new RangeError(`learningTime: window must be a positive integer, got ${window}`);
  }
  for (let t = window - 1; t < loss.length; t++) {
    // Summed afresh for every t (a running sum would carry its rounding, and a NaN, from window to window).
    let sum = 0;
    for (let i = t - window + 1; i <= t; i++) sum += loss[i];
    if (sum / window < threshold) return t;
  }
  return null;
}
