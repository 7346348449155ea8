import type { EvalPoint, Snapshot } from './results.js';

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
