/**
 * @initlab/trainer — trains MLPs from a declarative config, runs experiments over seeds in parallel
 * workers, and records loss curves, accuracies and per-layer diagnostics as versioned results JSON.
 */
export * from './results.js';
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
} from './config.js';
export { ConfigError, TrainerError, type ConfigIssue } from './errors.js';
export { validateExperiment, validateGroup, validateRunConfig, parseRunConfig, parseExperiment } from './validate.js';
export {
  resolveRunConfig,
  type ResolvedRunConfig,
  type ResolvedHistogramRunConfig,
  type ResolvedExperiment,
  type ResolvedExperimentConfig,
  type ResolvedGroup,
} from './resolve.js';
export { train, trainSync, TrainingRun, type Progress, type RunInfo, type TrainOptions, type TrainSyncOptions } from './train.js';
export type { Evaluation } from './evaluation.js';
export { serveHelper, setHelperWorkerFactory, type HelperMessage } from './halves.js';
export { runHistogram } from './histogram-run.js';
export { runExperiment, runResolvedExperiment, runGroup, type ExperimentOptions } from './experiment.js';
export { resolveThreads, type ThreadsOption } from './threads.js';
export type { WorkerFactory, WorkerLike } from './pool.js';
export { aggregate, band, summarize } from './aggregate.js';
export { histogram, layerStats, saturationTest, activationRange, reluRange, type RangeRule } from './stats.js';
export { presets, groups, getPreset, listPresets, withOverrides } from './presets.js';
export { describeEnvironment, VERSION } from './environment.js';
export { checkResults, checkClaims, claimsFor, overallVerdict } from './checks/evaluate.js';
export { checkTotal, failedSeedsText, valuesText } from './checks/text.js';
export type { Check, Claim, CheckValues, Outcome, SeedCheck, Verdict } from './checks/types.js';
