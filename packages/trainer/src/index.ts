/**
 * @initlab/trainer — trains MLPs from a declarative config, runs experiments over seeds in parallel
 * workers, and records loss curves, accuracies and per-layer diagnostics as versioned results JSON.
 */
export * from './results/results.js';
export type { InitializerSpec } from '@initlab/initializers';
export type { OptimizerSpec } from '@initlab/optimizers';
export {
  isGroup,
  mergeRun,
  type RunConfig,
  type RunSettings,
  type Overrides,
  type RunSpec,
  type HistogramRunConfig,
  type EvaluationConfig,
  type HistogramConfig,
  type LsuvConfig,
  type DatasetSpec,
  type ExperimentConfig,
  type GroupConfig,
  type Experiment,
} from './config/config.js';
export type { GridAxis, GridConfig } from './config/config.js';
export type { ExperimentKind, ResolvedJacobianRunConfig } from './config/resolve.js';
export { ConfigError, TrainerError, type ConfigIssue } from './errors.js';
export {
  validateExperiment,
  validateGroup,
  validateRunConfig,
  parseRunConfig,
  parseExperiment,
} from './config/validate.js';
export {
  resolveRunConfig,
  type ResolvedRunConfig,
  type ResolvedHistogramRunConfig,
  type ResolvedExperiment,
  type ResolvedExperimentConfig,
  type ResolvedGroup,
} from './config/resolve.js';
export {
  train,
  trainSync,
  TrainingRun,
  type RunInfo,
  type RunOptions,
  type TrainOptions,
  type TrainSyncOptions,
} from './run/train.js';
export type { Evaluation, Progress } from './run/events.js';
export { HelperThreads } from './parallel/helper-threads.js';
export { serveHelper } from './parallel/serve-helper.js';
export type { HelperMessage } from './parallel/helper-protocol.js';
export { serveWorker, type ServeWorkerOptions } from './parallel/serve-worker.js';
export { SpareCores } from './parallel/spare-cores.js';
export { runHistogram } from './run/histogram-run.js';
export { standardNormalRule, type QuadratureRule } from './theory/gauss-hermite.js';
export {
  correlationMap,
  criticalSigmaW2,
  DEFAULT_QUADRATURE_NODES,
  lengthMap,
  meanFieldTheory,
  type MeanFieldOptions,
  type MeanFieldPoint,
} from './theory/mean-field.js';
export {
  jacobianSingularValues,
  singularValues,
  spectrumMetrics,
  type JacobianActivation,
  type JacobianOptions,
  type SpectrumMetrics,
} from './theory/jacobian.js';
export {
  jacobianCell,
  log10Histogram,
  LOG10_SV_EDGES,
  type JacobianCellOptions,
  type JacobianCellResult,
} from './theory/jacobian-cell.js';
export { runExperiment, runResolvedExperiment, runGroup, type ExperimentOptions } from './experiment/experiment.js';
export { inShard, type RunDone, type Shard } from './experiment/experiment.js';
export { runIdentity, sweepIdentity, type RunStore } from './experiment/store.js';
export type { Job, JobOutput, JobCell } from './experiment/jobs.js';
export type { JacobianOutput } from './run/jacobian-run.js';
export { applyAxis, cellCount, coordinateOf, DEPTH_SETTING, expandCells, type GridCell } from './grid/cells.js';
export { stableJson } from './grid/stable-json.js';
export { resolveThreads, type ThreadsOption } from './parallel/threads.js';
export type { WorkerFactory, WorkerLike } from './parallel/worker-like.js';
export { aggregate, band, summarize } from './results/aggregate.js';
export { presetTheory, theoryFor, type PresetTheory } from './results/theory.js';
export { axisValues, biasVarianceOf, edgeOfChaosTheory } from './results/theory.js';
export { learningTime, metricsFor, presetMetrics, withMetrics, type RunMetric } from './results/metrics.js';
export {
  histogram,
  layerStats,
  saturationTest,
  activationRange,
  reluRange,
  gradientRange,
  linearRange,
  gradientStats,
  type RangeRule,
} from './run/stats.js';
export { presets, groups, getPreset, listPresets, withOverrides } from './config/presets.js';
export { EDGE_OF_CHAOS_SIGMA_B2, sweepPresets } from './config/presets-sweeps.js';
export { describeEnvironment, VERSION } from './platform/environment.js';
export { checkResults, checkClaims, claimsFor, overallVerdict } from './checks/evaluate.js';
export { checkCellClaims, cellClaimsFor } from './checks/evaluate.js';
export { checkTotal, failedSeedsText, valuesText } from './checks/text.js';
export type { Check, Claim, CheckValues, Outcome, SeedCheck, Verdict } from './checks/types.js';
export type { CellClaim } from './checks/types.js';
export { edgeOfChaosClaims, jacobianSpectrumClaims } from './checks/sweeps-claims.js';
