import type { z } from 'zod';
import {
  REQUIRED_FIELDS,
  experimentSchema,
  groupSchema,
  isGroup,
  isPlainObject,
  overridesSchema,
  runSettingsSchema,
  type Experiment,
  type ExperimentConfig,
  type GroupConfig,
  type Overrides,
  type RunConfig,
} from './config.js';
import { ConfigError, formatPath, type ConfigIssue } from '../errors.js';
import { withOverrides } from './presets.js';
import { gridIssues } from '../grid/validate-grid.js';
import {
  resolveExperimentConfig,
  resolveRunConfig,
  type ResolvedExperiment,
  type ResolvedRunConfig,
} from './resolve.js';

/** The issues of a failed parse; a value failing two checks of one field (-1.5: integer, positive) shows once. */
function zodIssues(error: z.ZodError, prefix: (string | number)[]): ConfigIssue[] {
  const issues = error.issues.flatMap((issue) => {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') {
      const messages = issue.message.split('\n');
      return issue.keys.map((key, i) => ({ path: formatPath([...path, key]), message: messages[i] }));
    }
    return [{ path: formatPath(path), message: issue.message }];
  });
  return issues.filter(
    (issue, index) =>
      issues.findIndex((other) => other.path === issue.path && other.message === issue.message) === index,
  );
}

/**
 * What one run lacks once merged over `base`, and a per-layer initializer list of the wrong length.
 * `at` names a field of the run, `baseAt` one of `base`.
 */
function mergedRunIssues(
  run: Record<string, unknown>,
  base: Record<string, unknown>,
  kind: keyof typeof REQUIRED_FIELDS,
  at: (field: string) => string,
  baseAt: (field: string) => string,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const field of REQUIRED_FIELDS[kind]) {
    if (run[field] === undefined && base[field] === undefined) {
      issues.push({ path: at(field), message: `required: set '${field}' in base or in this run` });
    }
  }
  const initializer = run.initializer ?? base.initializer;
  const hiddenSizes = run.hiddenSizes ?? base.hiddenSizes;
  if (Array.isArray(initializer) && Array.isArray(hiddenSizes)) {
    const layers = hiddenSizes.length + (kind === 'train' ? 1 : 0);
    if (initializer.length !== layers) {
      issues.push({
        path: run.initializer !== undefined ? at('initializer') : baseAt('initializer'),
        message: `expected one initializer per weight matrix (${layers} for hiddenSizes [${hiddenSizes.join(', ')}]), got ${initializer.length}`,
      });
    }
  }
  return issues;
}

/** Checks across fields: what each merged run lacks, per-layer initializer counts, duplicate labels. */
function crossIssues(input: Record<string, unknown>, prefix: (string | number)[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const base = isPlainObject(input.base) ? input.base : {};
  const runs = Array.isArray(input.runs) ? input.runs : [];
  const kind = input.kind === 'histogram' || input.kind === 'jacobian' ? input.kind : 'train';
  const baseAt = (field: string) => formatPath([...prefix, 'base', field]);
  issues.push(...gridIssues(input, prefix));
  const firstLabel = new Map<unknown, number>();
  runs.forEach((run, index) => {
    if (!isPlainObject(run)) return;
    const at = (field: string) => formatPath([...prefix, 'runs', index, field]);
    issues.push(...mergedRunIssues(run, base, kind, at, baseAt));
    if (typeof run.label === 'string') {
      const earlier = firstLabel.get(run.label);
      if (earlier !== undefined) {
        issues.push({ path: at('label'), message: `duplicate label '${run.label}' (also runs[${earlier}])` });
      } else {
        firstLabel.set(run.label, index);
      }
    }
  });
  return issues;
}

function experimentIssues(input: unknown, prefix: (string | number)[]): ConfigIssue[] {
  const parsed = experimentSchema.safeParse(input);
  const issues = parsed.success ? [] : zodIssues(parsed.error, prefix);
  if (isPlainObject(input)) issues.push(...crossIssues(input, prefix));
  return issues;
}

/**
 * Checks an experiment config (e.g. parsed JSON) and returns it typed. Initializer and optimizer specs are
 * checked against their registries now, so register plugins first. Throws a ConfigError listing every issue.
 */
export function validateExperiment(input: unknown): ExperimentConfig {
  const issues = experimentIssues(input, []);
  if (issues.length > 0) throw new ConfigError(issues, 'experiment config');
  return input as ExperimentConfig;
}

/** As `validateExperiment`, for a group `{ name, description?, experiments: [...] }`. */
export function validateGroup(input: unknown): GroupConfig {
  const parsed = groupSchema.safeParse(input);
  const issues = parsed.success ? [] : zodIssues(parsed.error, []);
  if (isPlainObject(input) && Array.isArray(input.experiments)) {
    for (const [index, experiment] of input.experiments.entries()) {
      issues.push(...experimentIssues(experiment, ['experiments', index]));
    }
  }
  if (issues.length > 0) throw new ConfigError(issues, 'group config');
  return input as GroupConfig;
}

/** Checks one complete run config (what `train` takes); throws a ConfigError listing every issue. */
export function validateRunConfig(input: unknown, kind: 'train' | 'histogram' = 'train'): RunConfig {
  const parsed = runSettingsSchema.safeParse(input);
  const issues = parsed.success ? [] : zodIssues(parsed.error, []);
  if (isPlainObject(input)) {
    const field = (name: string) => name;
    issues.push(...mergedRunIssues(input, {}, kind, field, field));
  }
  if (issues.length > 0) throw new ConfigError(issues, 'run config');
  return input as RunConfig;
}

/**
 * Checks one complete run config and fills its defaults: what a run takes. Throws a ConfigError listing
 * every issue. `train` and `trainSync` call it on the config they are given.
 */
export function parseRunConfig(input: unknown): ResolvedRunConfig {
  return resolveRunConfig(validateRunConfig(input));
}

/**
 * Checks an experiment or a group (e.g. parsed JSON; a group is an object with `experiments`), applies
 * command-line `overrides` and fills the defaults of each experiment: the one parse of a config, whose result
 * `runExperiment` runs as it is. Initializer and optimizer specs are checked against their registries now,
 * so register plugins first. Throws a ConfigError listing every issue.
 */
export function parseExperiment(input: unknown, overrides?: Overrides): ResolvedExperiment {
  let experiment: Experiment =
    isPlainObject(input) && 'experiments' in input ? validateGroup(input) : validateExperiment(input);
  if (overrides !== undefined) experiment = applyOverrides(experiment, overrides);
  if (isGroup(experiment)) return { ...experiment, experiments: experiment.experiments.map(resolveExperimentConfig) };
  return resolveExperimentConfig(experiment);
}

/**
 * A checked experiment with overrides applied. The overrides are checked here, and then what they may have
 * broken across fields: runs they replaced can lack a field or repeat a label (`--initializers he,he`).
 */
function applyOverrides(experiment: Experiment, overrides: Overrides): Experiment {
  const parsed = overridesSchema.safeParse(overrides);
  if (!parsed.success) throw new ConfigError(zodIssues(parsed.error, []), 'overrides');
  const grids = isGroup(experiment)
    ? experiment.experiments.filter((one) => one.grid)
    : experiment.grid
      ? [experiment]
      : [];
  if (overrides.initializers !== undefined && grids.length > 0) {
    const message = `'${grids[0].name}' is a grid: it has no runs to replace (give it an axis over 'initializer')`;
    throw new ConfigError([{ path: 'initializers', message }], 'overrides');
  }
  const result = withOverrides(experiment, overrides);
  const issues = isGroup(result)
    ? result.experiments.flatMap((one, index) => crossIssues(one, ['experiments', index]))
    : crossIssues(result, []);
  if (issues.length > 0) throw new ConfigError(issues, 'experiment config with overrides');
  return result;
}
