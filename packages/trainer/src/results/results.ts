import type { RunSettings } from '../config/config.js';

/**
 * The results JSON: what a run of an experiment records. Versioned; bump
 * `RESULTS_SCHEMA_VERSION` on any incompatible change and document it in the README.
 */
export const RESULTS_SCHEMA_VERSION = 1;

export type RunStatus = 'done' | 'diverged' | 'interrupted';

/** A 30-bin (by default) histogram: `edges.length === counts.length + 1`. */
export interface Histogram {
  edges: number[];
  counts: number[];
  /** Values below `edges[0]`, not in any bin (as `numpy.histogram` with a range leaves them out). */
  below?: number;
  /** Values above the last edge, not in any bin. */
  above?: number;
}

/** Statistics of one hidden layer's activations (and its weight gradient) at one point in training. */
export interface LayerStats {
  /** 0-based index of the hidden layer. */
  index: number;
  /** e.g. `"layer 1 (relu)"`. */
  name: string;
  mean: number;
  std: number;
  histogram: Histogram;
  /** Fraction of activations in the activation's saturated region (sigmoid: < 0.01 or > 0.99; tanh: |x| > 0.99; relu: exactly 0). */
  saturated: number;
  /** L2 norm of this layer's weight gradient; absent when no gradient was computed (e.g. book-histogram). */
  gradientNorm?: number;
  /**
   * The back-propagated gradient dL/ds at this layer's pre-activation s (its Affine output), L the mean
   * cross-entropy of the statistics samples; absent where none was computed (book-histogram, results written before 0.2).
   */
  gradient?: GradientStats;
}

/** Mean, population std and histogram (symmetric around 0; see `gradientRange`) of a layer's dL/ds. */
export interface GradientStats {
  mean: number;
  std: number;
  histogram: Histogram;
}

export interface EvalPoint {
  iteration: number;
  trainAccuracy: number;
  testAccuracy: number;
}

export interface Snapshot {
  iteration: number;
  layers: LayerStats[];
}

export interface RunResult {
  /** The preset or experiment this run belongs to (keeps runs of a group identifiable). */
  experiment: string;
  /** The run's label in its experiment, e.g. `"param=0.01"`, `"Xavier"`, `"He"`. */
  label: string;
  seed: number;
  initializer: { name: string; params: Record<string, number | string>; label: string };
  activation: string;
  status: RunStatus;
  /** Iteration at which the loss became non-finite (status `"diverged"`). */
  divergedAt?: number;
  /** Iterations completed. */
  iterations: number;
  /** The loss of the forward pass used for each step's gradient, one value per completed iteration. */
  loss: number[];
  evals: EvalPoint[];
  /** Per-layer statistics at the last evaluation point (for book-histogram: of its single forward pass). */
  layers: LayerStats[];
  /** Per-layer statistics at every evaluation point. */
  snapshots: Snapshot[];
  wallTimeMs: number;
  backend: string;
  /**
   * Steps whose second half a helper thread computed (see `TrainingRun`), when any did. Like `wallTimeMs` it
   * says how the run went, not what it computed: the numbers are the same either way.
   */
  helperSteps?: number;
  /**
   * What LSUV did (runs with `lsuv` set): the settings it ran with, and for every affine layer in order (the
   * output layer included) the variance of its pre-activation output on the LSUV batch after LSUV, the same
   * variance in the orthogonal network before LSUV rescaled any layer, and the rescalings it took.
   */
  lsuv?: LsuvRecord;
  /**
   * Figures computed from this run by its experiment (e.g. a learning time), by name; `null` where the run never
   * reached the figure (saxe-orthogonal: `learningTime`). Absent for runs of presets without metrics.
   */
  metrics?: Record<string, number | null>;
  /** The run's configuration with every default filled in (`seed` included); no training fields for book-histogram. */
  config?: RunSettings;
}

/** What LSUV did in one run (`RunResult.lsuv`). */
export interface LsuvRecord {
  /** The first this-many training samples (of the run's training subset) were the LSUV batch. */
  samples: number;
  tolerance: number;
  maxIterations: number;
  /**
   * One entry per affine layer, the output layer last: `variance` after LSUV, `varianceBefore` in the orthogonal
   * network before any layer was rescaled (absent in results written before it was recorded), `rescalings` made.
   */
  layers: { variance: number; rescalings: number; varianceBefore?: number }[];
}

/** Mean and spread of one curve across seeds, point by point. */
export interface Band {
  x: number[];
  mean: number[];
  std: number[];
  min: number[];
  max: number[];
  /** How many runs have a value at each x (fewer after a run diverged or was interrupted). */
  count?: number[];
}

export interface Aggregate {
  experiment: string;
  label: string;
  seeds: number[];
  loss: Band;
  trainAccuracy: Band;
  testAccuracy: Band;
  finalTestAccuracy: { mean: number; std: number; min: number; max: number };
}

export interface Environment {
  initlab: string;
  runtime: string;
  platform: string;
  cpus: number;
  backend: string;
  workers: number;
  /** Threads that shared each run's large matmuls (1 where none did; absent in results written before 0.2). */
  threads?: number;
  date: string;
}

export interface ExperimentResults {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  /** Name of the preset, group or config file. */
  experiment: string;
  /** The resolved configuration that ran (after defaults and command-line overrides). */
  config: unknown;
  environment: Environment;
  runs: RunResult[];
  aggregates: Aggregate[];
  /** The presets' claims checked against `runs` (see `checkResults`); absent in results written before 0.2. */
  checks?: Check[];
  /** A grid's cells, in the grid's order (absent for experiments without `grid`). */
  cells?: CellResult[];
  /** The theory a grid preset supplies for its figures and claims, e.g. the mean-field depth scales. */
  theory?: TheoryPoint[];
}

/** A grid coordinate's value: a number (σ_w², depth), a string (an activation, a named configuration) or a flag. */
export type Coordinate = number | string | boolean;

/** One cell of a grid: one combination of the axes' values, one seed. */
export interface CellResult {
  /** The cell's position in the grid's fixed order (what `--shard k/n` selects by: index ≡ k − 1 mod n). */
  index: number;
  /** The experiment (preset) the cell belongs to. */
  experiment: string;
  /** Axis name → value, e.g. `{ sigmaW2: 1.75, depth: 30 }`. */
  coordinates: Record<string, Coordinate>;
  seed: number;
  /** As a run's; a cell that computes without training (the Jacobian spectrum) is `'done'`. */
  status: RunStatus;
  /** The cell's figures, e.g. `{ trainAccuracy: 0.93, testAccuracy: 0.92 }`; `null` where not finite. */
  metrics: Record<string, number | null>;
  /** A distribution the cell's figure draws (e.g. log10 of the singular values), when it has one. */
  histogram?: Histogram;
}

/**
 * A point of the theory a preset compares its grid with: for edge-of-chaos, the mean-field fixed points and
 * depth scale at one σ_w² (Schoenholz et al. 2017). `xiC` is `null` where it is infinite (at criticality).
 */
export interface TheoryPoint {
  sigmaW2: number;
  qStar: number;
  chi1: number;
  cStar: number;
  xiC: number | null;
}

/** A claim's verdict: the data bears it out, contradicts it, or lacks a run it needs. */
export type Verdict = 'holds' | 'fails' | 'n/a';

/** The numbers that decided a verdict, by what they measure (e.g. `"He + ReLU: loss at 300"`); `null` where none was recorded. */
export type CheckValues = Record<string, number | null>;

/** One seed's verdict on one claim, as results.json records it. */
export interface SeedCheck {
  seed: number;
  verdict: Verdict;
  values: CheckValues;
}

/**
 * One claim checked against an experiment's results, as results.json records it (`checks[]`): `holds` when it
 * held in every seed it applied to, `fails` when it failed in any, `n/a` when it applied to none.
 */
export interface Check {
  experiment: string;
  id: string;
  claim: string;
  verdict: Verdict;
  seeds: SeedCheck[];
}
