import { z } from 'zod';
import { getInitializer, type InitializerSpec } from '@initlab/initializers';
import { listActivations } from '@initlab/layers';
import { createOptimizer, type OptimizerSpec } from '@initlab/optimizers';
import { messageOf } from '../errors.js';
import { hint, show } from './suggest.js';

/*
 * The schemas of every config, and the types derived from them. Each field's message names what it expects
 * and what came ("expected a positive integer, got 0"); a list is reported as a whole, at its own path.
 */

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The error option of a field: what was expected, and what came. */
function expected(what: string) {
  return { error: (issue: { input?: unknown }) => `expected ${what}, got ${show(issue.input)}` };
}

const positiveInteger = (what = 'a positive integer') => z.int(expected(what)).positive(expected(what));
const nonNegativeInteger = (what = 'a non-negative integer') => z.int(expected(what)).nonnegative(expected(what));
const seed = (what = 'an integer in [0, 4294967295]') => nonNegativeInteger(what).max(0xffffffff, expected(what));
const nonEmptyString = (what: string) =>
  z.string(expected(what)).refine((text) => text.trim().length > 0, expected(what));
const option = z.union([z.string(), z.number()]);
/** A name, or `{ name, ...options }` with number or string options: how a config names a registered thing. */
const namedSpec = z.union([z.string(), z.object({ name: z.string() }).catchall(option)]);

/** `schema`, reported as a whole: a bad element of a list is named by the list's message at the list's path. */
function whole<T>(what: string, schema: z.ZodType<T>) {
  return z.custom<T>((value) => schema.safeParse(value).success, expected(what));
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

/** `unknown activation 'x'` with the closest known name, or the known names when none is close. */
function unknownName(what: string, value: unknown, known: readonly string[]): string {
  const suggestion = typeof value === 'string' ? hint(value, known) : ` (valid: ${known.join(', ')})`;
  return `unknown ${what} ${show(value)}${suggestion}`;
}

/** A registered initializer or optimizer, as a name or `{ name, ...params }`; asks the registry. */
function specField<T>(kind: 'initializer' | 'optimizer', perLayer: boolean) {
  const resolve = kind === 'initializer' ? getInitializer : createOptimizer;
  const checkOne = (spec: unknown, ctx: z.RefinementCtx, path: (string | number)[]) => {
    if (!namedSpec.safeParse(spec).success) {
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
  return z.custom<T>().superRefine((value, ctx) => {
    if (perLayer && Array.isArray(value)) {
      if (value.length === 0) {
        ctx.addIssue({ code: 'custom', message: `expected an ${kind} or a non-empty list of them, got []` });
      }
      for (const [index, spec] of value.entries()) checkOne(spec, ctx, [index]);
    } else {
      checkOne(value, ctx, []);
    }
  });
}

const activationField = z.custom<string>().superRefine((value, ctx) => {
  const known = listActivations().map((activation) => activation.name as string);
  if (typeof value !== 'string' || !known.includes(value)) {
    ctx.addIssue({ code: 'custom', message: unknownName('activation', value, known) });
  }
});

/** A positive integer or the word `word`, as one message. */
const countOr = <W extends string>(word: W) => {
  const what = `a positive integer or '${word}'`;
  return z.union([z.literal(word), positiveInteger(what)], expected(what));
};

const EVALUATION_OBJECT = 'an object { every?, trainSamples?, testSamples?, statsSamples?, statsSplit?, chunkSize? }';
const evaluationSchema = strictObject(EVALUATION_OBJECT, {
  /** Iterations between evaluations; `'epoch'` (default) is ⌈nTrain / batchSize⌉. */
  every: countOr('epoch').optional(),
  /** Train accuracy is measured on the first this-many training samples (default 10 000) or `'all'`. */
  trainSamples: countOr('all').optional(),
  /**
   * Test accuracy is measured on the first this-many test samples or `'all'` (default): fewer make each
   * evaluation cheaper at the price of a noisier test curve.
   */
  testSamples: countOr('all').optional(),
  /** Layer statistics come from the first this-many test samples (default 1000), a fixed batch. */
  statsSamples: positiveInteger().optional(),
  /** The split the layer statistics' samples come from: `'test'` (default; absent from resolved configs) or `'train'`. */
  statsSplit: z.enum(['train', 'test'], expected("'train' or 'test'")).optional(),
  /** Rows per forward pass while evaluating (default 1000); bounds the evaluation buffers. */
  chunkSize: positiveInteger().optional(),
});

const histogramSchema = strictObject('an object { samples?, inputSize?, bins?, range? }', {
  /** Rows of N(0, 1) input (default 1000). */
  samples: positiveInteger().optional(),
  /** Width of the input (default 100). */
  inputSize: positiveInteger().optional(),
  /** Histogram bins (default 30). */
  bins: positiveInteger().optional(),
  /** Histogram range (default `[0, 1]`, as the book's `plt.hist(a, 30, range=(0, 1))`). */
  range: whole(
    '[low, high] with low < high',
    z.tuple([z.number(), z.number()]).refine(([low, high]) => low < high),
  ).optional(),
});

const lsuvSchema = z.strictObject({
  /** Training samples used (the first this-many; default: the batch size). */
  samples: positiveInteger().optional(),
  /** Accepted distance of each layer's output variance from 1 (default: the layers package's). */
  tolerance: z.number().positive().optional(),
  /** Rescaling rounds per layer (default: the layers package's). */
  maxIterations: positiveInteger().optional(),
});

/** Every field of a run config, all optional (a run is `base` plus its overrides). */
const runShape = {
  /** Hidden layer widths, e.g. `[50]` for 784-50-10. */
  hiddenSizes: whole('a non-empty list of positive integers', z.array(positiveInteger()).min(1)).optional(),
  /** `'sigmoid'`, `'relu'`, `'tanh'` or `'leakyRelu'` (see `listActivations()` of @initlab/layers). */
  activation: activationField.optional(),
  /** One initializer for every weight matrix, or one per matrix (hidden layers then the output layer). */
  initializer: specField<InitializerSpec | InitializerSpec[]>('initializer', true).optional(),
  /**
   * One initializer for every bias vector, drawn right after its layer's weights (default `'zeros'`: the book's
   * zero biases, nothing drawn); e.g. `{ name: 'normal', std: 0.2236 }` for N(0, σ_b²) with σ_b² = 0.05.
   */
  biasInitializer: specField<InitializerSpec>('initializer', false).optional(),
  /** e.g. `{ name: 'sgd', lr: 0.1 }`. */
  optimizer: specField<OptimizerSpec>('optimizer', false).optional(),
  batchSize: positiveInteger().optional(),
  iterations: nonNegativeInteger().optional(),
  /** Seeds the one generator every draw comes from (default 0). */
  seed: seed().optional(),
  evaluation: evaluationSchema.optional(),
  batchNorm: z.boolean(expected('true or false')).optional(),
  /** Dropout ratio in [0, 1) after each hidden activation (default 0: none). */
  dropout: z
    .number(expected('a ratio in [0, 1)'))
    .min(0, expected('a ratio in [0, 1)'))
    .lt(1, expected('a ratio in [0, 1)'))
    .optional(),
  /** L2 weight decay λ (default 0). */
  weightDecay: z.number(expected('a number ≥ 0')).min(0, expected('a number ≥ 0')).optional(),
  /** `true` or options: run LSUV on the first training samples before training. */
  lsuv: whole('true, false or { samples?, tolerance?, maxIterations? }', z.union([z.boolean(), lsuvSchema])).optional(),
  /** Settings of the histogram experiment (kind `'histogram'` only). */
  histogram: histogramSchema.optional(),
  /**
   * Train on the first this-many training samples only (batches drawn as `choice(trainSubset, batchSize)`, train
   * accuracy measured on them); absent: the whole training set. At most the training set's size (checked when
   * the run starts, where the dataset is known).
   */
  trainSubset: positiveInteger('a positive integer (the first this-many training samples)').optional(),
  /** Settings of the Jacobian-spectrum cells (kind `'jacobian'` only). */
  jacobian: strictObject('an object { samples? }', {
    /** The first this-many training images, pixels / 255, at which J is taken (default 20). */
    samples: positiveInteger().optional(),
  }).optional(),
};

const DATASETS = ['mnist', 'blobs', 'spiral'] as const;
type DatasetName = (typeof DATASETS)[number];

const datasetField = z.custom<DatasetSpec>().superRefine((value, ctx) => {
  const name = isPlainObject(value) ? value.name : value;
  if (typeof name !== 'string' || !(DATASETS as readonly string[]).includes(name)) {
    ctx.addIssue({ code: 'custom', message: unknownName('dataset', name, DATASETS) });
    return;
  }
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      if (key !== 'name' && !option.safeParse(value[key]).success) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `expected a number or a string, got ${show(value[key])}`,
        });
      }
    }
  }
});

export const runSettingsSchema = strictObject('a run config object', runShape);

/** The names of a run's settings (what a grid axis may set, besides `depth`). */
export const RUN_SETTING_NAMES = Object.keys(runShape) as (keyof RunSettings)[];

const runSpecSchema = strictObject('a run object { label, ...settings }', {
  label: nonEmptyString('a non-empty label'),
  ...runShape,
});

/** A grid coordinate: a number, a string or a flag. */
const coordinate = z.union([z.number(), z.string(), z.boolean()]);

/** One axis of a grid: values given to one setting, or labelled bundles of settings (then no `setting`). */
const axisSchema = strictObject('an axis { name, setting?, values }', {
  name: nonEmptyString('a non-empty axis name'),
  /** A dotted path into the run settings (`initializer.scale`, `optimizer.lr`, `activation`) or `depth`. */
  setting: nonEmptyString('a dotted path into the run settings, e.g. initializer.scale').optional(),
  values: z
    .array(z.union([coordinate, z.object({ label: coordinate }).catchall(z.unknown())]), {
      error: (issue) => `expected a non-empty list of values, got ${show(issue.input)}`,
    })
    .min(1, { error: 'expected a non-empty list of values, got [] (an empty axis has no cells)' }),
});

const gridSchema = strictObject('a grid { axes, heatmap? }', {
  /** Every combination of the axes' values is a cell; the first axis varies slowest. */
  axes: z
    .array(axisSchema, { error: (issue) => `expected a non-empty list of axes, got ${show(issue.input)}` })
    .min(1, { error: 'expected a non-empty list of axes, got []' }),
  /** The two axes a heatmap is drawn over (default: the first two). */
  heatmap: strictObject('an object { x, y } naming two axes', {
    x: nonEmptyString('an axis name'),
    y: nonEmptyString('an axis name'),
  }).optional(),
});

export const experimentSchema = strictObject('an experiment object { name, base, runs | grid, seeds, ... }', {
  name: nonEmptyString('a non-empty name'),
  description: z.string(expected('a string')).optional(),
  /** Default `'mnist'`; ignored by kind `'histogram'`. */
  dataset: datasetField.optional(),
  /**
   * `'train'` (default), `'histogram'` (the book's forward-only activation histograms) or `'jacobian'` (grid
   * cells that measure the input–output Jacobian's spectrum at initialization, without training).
   */
  kind: z.enum(['train', 'histogram', 'jacobian'], expected("'train', 'histogram' or 'jacobian'")).optional(),
  /** Settings shared by every run. */
  base: strictObject('an object of run settings (may be {})', runShape),
  runs: z
    .array(runSpecSchema, { error: (issue) => `expected a non-empty list of runs, got ${show(issue.input)}` })
    .min(1, { error: 'expected a non-empty list of runs, got []' })
    .optional(),
  /** Axes over run settings, in place of `runs`: one run per combination of their values and seed. */
  grid: gridSchema.optional(),
  seeds: whole('a non-empty list of integer seeds in [0, 4294967295]', z.array(seed()).min(1)),
});

/** Each experiment of a group is checked on its own, so that its issues carry their full paths. */
export const groupSchema = strictObject('a group object { name, experiments, ... }', {
  name: nonEmptyString('a non-empty name'),
  description: z.string(expected('a string')).optional(),
  experiments: z
    .array(z.custom<ExperimentConfig>(), {
      error: (issue) => `expected a non-empty list of experiments, got ${show(issue.input)}`,
    })
    .min(1, { error: 'expected a non-empty list of experiments, got []' }),
});

/** What the command line may change in a preset or config file (see `withOverrides`). */
export const overridesSchema = strictObject('an object { iterations?, seeds?, initializers? }', {
  iterations: nonNegativeInteger().optional(),
  seeds: whole('a non-empty list of integer seeds in [0, 4294967295]', z.array(seed()).min(1)).optional(),
  /**
   * Replaces the compared initializers: one run per initializer, labelled with the initializer's label (which
   * `withOverrides` asks the registry for, so an unknown name throws its InitializerError there).
   */
  initializers: whole('a list of initializers', z.array(z.custom<InitializerSpec>())).optional(),
});

/** When and on what a training run measures accuracy and layer statistics. */
export type EvaluationConfig = z.infer<typeof evaluationSchema>;
/** The forward-only experiment of the book's histogram figure (kind `'histogram'`). */
export type HistogramConfig = z.infer<typeof histogramSchema>;
/** Layer-sequential unit-variance initialization applied after the initializer (Mishkin & Matas, 2015). */
export type LsuvConfig = z.infer<typeof lsuvSchema>;
/** Any subset of a run's settings: what `base` and each run give. */
export type RunSettings = z.infer<typeof runSettingsSchema>;

/** Fields a run of each kind must have after merging `base` and the run. */
export const REQUIRED_FIELDS = {
  train: ['hiddenSizes', 'activation', 'initializer', 'optimizer', 'batchSize', 'iterations'],
  histogram: ['hiddenSizes', 'activation', 'initializer'],
  jacobian: ['hiddenSizes', 'activation', 'initializer'],
} as const;

/** One axis of a grid. */
export type GridAxis = z.infer<typeof axisSchema>;
/** Axes over run settings: every combination of their values, times the seeds, is a cell. */
export type GridConfig = z.infer<typeof gridSchema>;

/** What the command line may change in a preset. */
export type Overrides = z.infer<typeof overridesSchema>;

/** Everything one training run needs besides its dataset. */
export type RunConfig = RunSettings & Required<Pick<RunSettings, (typeof REQUIRED_FIELDS.train)[number]>>;
/** What the histogram experiment needs: the network's shape and initialization, no training settings. */
export type HistogramRunConfig = RunSettings & Required<Pick<RunSettings, (typeof REQUIRED_FIELDS.histogram)[number]>>;
/** A dataset by name, or with the options of its maker (`{ name: 'blobs', samples: 600, classes: 3 }`). */
export type DatasetSpec = DatasetName | { name: DatasetName; [option: string]: number | string };
/** One run of an experiment: a label and what it changes in `base`. */
export type RunSpec = z.infer<typeof runSpecSchema>;
/** The declarative experiment: every run of `runs` (or every cell of `grid`) is trained once per seed. */
export type ExperimentConfig = z.infer<typeof experimentSchema>;
/** Several experiments run and reported together; each run keeps its own experiment's name. */
export type GroupConfig = z.infer<typeof groupSchema>;
/** An experiment or a group of them: what `runExperiment` accepts. */
export type Experiment = ExperimentConfig | GroupConfig;

/** Tells a group from a single experiment. */
export function isGroup(experiment: Experiment): experiment is GroupConfig {
  return Array.isArray((experiment as GroupConfig).experiments);
}

/** `base` with a run's overrides on top; `evaluation` and `histogram` merge field by field. */
export function mergeRun(base: RunSettings = {}, run: RunSettings = {}): RunSettings {
  const merged: RunSettings = { ...base, ...run };
  if (base.evaluation || run.evaluation) merged.evaluation = { ...base.evaluation, ...run.evaluation };
  if (base.histogram || run.histogram) merged.histogram = { ...base.histogram, ...run.histogram };
  if (base.jacobian || run.jacobian) merged.jacobian = { ...base.jacobian, ...run.jacobian };
  delete (merged as { label?: string }).label;
  return merged;
}
