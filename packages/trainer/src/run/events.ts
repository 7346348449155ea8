import type { EvalPoint, Snapshot } from '../results/results.js';

/** What a run reports while it trains (throttled to about every 1% of its iterations or 200 ms). */
export interface Progress {
  /** Position of the run in its experiment's `runs[]` (0 when trained alone). */
  runIndex: number;
  label: string;
  experiment: string;
  seed: number;
  /** Iterations completed. */
  iteration: number;
  iterations: number;
  /** Loss of the latest iteration (NaN before the first). */
  loss: number;
}

/**
 * One evaluation point of a run as it trains: what a UI needs to draw accuracy curves and activation
 * histograms before the run ends. The same values the run's result records in `evals` and `snapshots`.
 */
export interface Evaluation {
  /** Position of the run in its experiment's `runs[]` (0 when trained alone). */
  runIndex: number;
  label: string;
  experiment: string;
  seed: number;
  /** Train and test accuracy at this point. */
  eval: EvalPoint;
  /** Per-layer statistics at this point. */
  snapshot: Snapshot;
}
