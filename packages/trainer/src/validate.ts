import { z } from 'zod';
import { getInitializer } from '@initlab/initializers';
import { listActivations } from '@initlab/layers';
import { createOptimizer } from '@initlab/optimizers';
import {
  REQUIRED_FIELDS,
  type ExperimentConfig,
  type GroupConfig,
  type RunConfig,
} from './config.js';
import { ConfigError, formatPath, messageOf, type ConfigIssue } from './errors.js';
import { hint, show } from './suggest.js';

type Check = (value: unknown) => boolean;

const isPositiveInteger: Check = (v) => Number.isSafeInteger(v) && (v as number) > 0;
const isNonNegativeInteger: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 0;
const isSeed: Check = (v) => isNonNegativeInteger(v) && (v as number) <= 0xffffffff;
const isFiniteNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A leaf: `check` must hold when the field is present. */
function optionalField(what: string, check: Check) {
  return z
    .unknown()
    .refine((v) => v === undefined || check(v), { error: (issue) => `expected ${what}, got ${show(issue.input)}` })
    .optional();
}

function requiredField(what: string, check: Check) {
  return z.unknown().refine(check, { error: (issue) => `expected ${what}, got ${show(issue.input)}` });
}

/** An object that rejects unknown keys, each reported at its own path with the closest known key. */
function strictObject<Shape extends z.core.$ZodLooseShape>(what: string, shape: Shape) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => `unknown field '${key}'${hint(key, known)}`).join('\n')
        : `expected ${what}, got ${show(issue.input)}`,
  });
}

/** A registered initializer or optimizer, as a name or `{ name, ...params }`; asks the registry. */
function specField(kind: 'initializer' | 'optimizer', perLayer: boolean) {
  const resolve = kind === 'initializer' ? getInitializer : createOptimizer;
  const checkOne = (spec: unknown, ctx: z.RefinementCtx, path: (string | number)[]) => {
    const isSpec =
      typeof spec === 'string' ||
      (isPlainObject(spec) &&
        typeof spec.name === 'string' &&
        Object.values(spec).every((v) => typeof v === 'string' || isFiniteNumber(v)));
    if (!isSpec) {
      const what = `an ${kind} name or { name, ...params } with number or string params`;
      ctx.addIssue({ code: 'custom', path, message: `expected ${what}, got ${show(spec)}` });
      return;
    }
    try {
      resolve(spec as never);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path, message: messageOf(error) });
    }
  };
  return z
    .unknown()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      if (perLayer && Array.isArray(value)) {
        if (value.length === 0) {
          ctx.addIssue({ code: 'custom', message: `expected an ${kind} or a non-empty list of them, got []` });
        }
        value.forEach((spec, index) => checkOne(spec, ctx, [index]));
      } else {
        checkOne(value, ctx, []);
      }
    })
    .optional();
}

/** `unknown activation 'x'` with the closest known name, or the known names when none is close. */
function unknownName(what: string, value: unknown, known: readonly string[]): string {
  const suggestion = typeof value === 'string' ? hint(value, known) : ` (valid: ${known.join(', ')})`;
  return `unknown ${what} ${show(value)}${suggestion}`;
}

const activationField = z
  .unknown()
  .superRefine((value, ctx) => {
    if (value === undefined) return;
    const known = listActivations().map((activation) => activation.name as string);
    if (typeof value !== 'string' || !known.includes(value)) {
      ctx.addIssue({ code: 'custom', message: unknownName('activation', value, known) });
    }
  })
  .optional();

const isLsuv: Check = (v) =>
  typeof v === 'boolean' ||
  (isPlainObject(v) &&
    Object.entries(v).every(([key, value]) =>
      key === 'tolerance' ? isFiniteNumber(value) && (value as number) > 0 : ['samples', 'maxIterations'].includes(key) && isPositiveInteger(value),
    ));

const isRange: Check = (v) =>
  Array.isArray(v) && v.length === 2 && v.every(isFiniteNumber) && (v[0] as number) < (v[1] as number);

/** Every field of a RunConfig, all optional (a run is `base` plus its overrides). */
const runShape = {
  hiddenSizes: optionalField('a non-empty list of positive integers', (v) => Array.isArray(v) && v.length > 0 && v.every(isPositiveInteger)),
  activation: activationField,
  initializer: specField('initializer', true),
  optimizer: specField('optimizer', false),
  batchSize: optionalField('a positive integer', isPositiveInteger),
  iterations: optionalField('a non-negative integer', isNonNegativeInteger),
  seed: optionalField('an integer in [0, 4294967295]', isSeed),
  evaluation: strictObject('an object { every?, trainSamples?, testSamples?, statsSamples?, chunkSize? }', {
    every: optionalField("a positive integer or 'epoch'", (v) => v === 'epoch' || isPositiveInteger(v)),
    trainSamples: optionalField("a positive integer or 'all'", (v) => v === 'all' || isPositiveInteger(v)),
    testSamples: optionalField("a positive integer or 'all'", (v) => v === 'all' || isPositiveInteger(v)),
    statsSamples: optionalField('a positive integer', isPositiveInteger),
    chunkSize: optionalField('a positive integer', isPositiveInteger),
  }).optional(),
  batchNorm: optionalField('true or false', (v) => typeof v === 'boolean'),
  dropout: optionalField('a ratio in [0, 1)', (v) => isFiniteNumber(v) && (v as number) >= 0 && (v as number) < 1),
  weightDecay: optionalField('a number ≥ 0', (v) => isFiniteNumber(v) && (v as number) >= 0),
  lsuv: optionalField('true, false or { samples?, tolerance?, maxIterations? }', isLsuv),
  histogram: strictObject('an object { samples?, inputSize?, bins?, range? }', {
    samples: optionalField('a positive integer', isPositiveInteger),
    inputSize: optionalField('a positive integer', isPositiveInteger),
    bins: optionalField('a positive integer', isPositiveInteger),
    range: optionalField('[low, high] with low < high', isRange),
  }).optional(),
};

const DATASETS = ['mnist', 'blobs', 'spiral'];

const datasetField = z
  .unknown()
  .superRefine((value, ctx) => {
    if (value === undefined) return;
    const name = isPlainObject(value) ? value.name : value;
    if (typeof name !== 'string' || !DATASETS.includes(name)) {
      ctx.addIssue({ code: 'custom', message: unknownName('dataset', name, DATASETS) });
      return;
    }
    if (isPlainObject(value)) {
      for (const [key, option] of Object.entries(value)) {
        if (key !== 'name' && !isFiniteNumber(option) && typeof option !== 'string') {
          ctx.addIssue({ code: 'custom', path: [key], message: `expected a number or a string, got ${show(option)}` });
        }
      }
    }
  })
  .optional();

const nonEmptyString = (v: unknown) => typeof v === 'string' && v.trim().length > 0;

const experimentSchema = strictObject('an experiment object { name, base, runs, seeds, ... }', {
  name: requiredField('a non-empty name', nonEmptyString),
  description: optionalField('a string', (v) => typeof v === 'string'),
  dataset: datasetField,
  kind: optionalField("'train' or 'histogram'", (v) => v === 'train' || v === 'histogram'),
  base: strictObject('an object of run settings (may be {})', runShape),
  runs: z
    .array(strictObject('a run object { label, ...settings }', { label: requiredField('a non-empty label', nonEmptyString), ...runShape }), {
      error: (issue) => `expected a non-empty list of runs, got ${show(issue.input)}`,
    })
    .min(1, { error: 'expected a non-empty list of runs, got []' }),
  seeds: requiredField(
    'a non-empty list of integer seeds in [0, 4294967295]',
    (v) => Array.isArray(v) && v.length > 0 && v.every(isSeed),
  ),
});

const groupSchema = strictObject('a group object { name, experiments, ... }', {
  name: requiredField('a non-empty name', nonEmptyString),
  description: optionalField('a string', (v) => typeof v === 'string'),
  experiments: z
    .array(z.unknown(), { error: (issue) => `expected a non-empty list of experiments, got ${show(issue.input)}` })
    .min(1, { error: 'expected a non-empty list of experiments, got []' }),
});

const runConfigSchema = strictObject('a run config object', runShape);

function zodIssues(error: z.ZodError, prefix: (string | number)[]): ConfigIssue[] {
  return error.issues.flatMap((issue) => {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') {
      const messages = issue.message.split('\n');
      return issue.keys.map((key, i) => ({ path: formatPath([...path, key]), message: messages[i] }));
    }
    return [{ path: formatPath(path), message: issue.message }];
  });
}

/**
 * What one run lacks once merged over `base`, and a per-layer initializer list of the wrong length.
 * `at` names a field of the run, `baseAt` one of `base`.
 */
function mergedRunIssues(
  run: Record<string, unknown>,
  base: Record<string, unknown>,
  kind: 'train' | 'histogram',
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
  const kind = input.kind === 'histogram' ? 'histogram' : 'train';
  const baseAt = (field: string) => formatPath([...prefix, 'base', field]);
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
    input.experiments.forEach((experiment, index) => issues.push(...experimentIssues(experiment, ['experiments', index])));
  }
  if (issues.length > 0) throw new ConfigError(issues, 'group config');
  return input as GroupConfig;
}

/** Checks one complete run config (what `train` takes); throws a ConfigError listing every issue. */
export function validateRunConfig(input: unknown, kind: 'train' | 'histogram' = 'train'): RunConfig {
  const parsed = runConfigSchema.safeParse(input);
  const issues = parsed.success ? [] : zodIssues(parsed.error, []);
  if (isPlainObject(input)) {
    const field = (name: string) => name;
    issues.push(...mergedRunIssues(input, {}, kind, field, field));
  }
  if (issues.length > 0) throw new ConfigError(issues, 'run config');
  return input as RunConfig;
}
