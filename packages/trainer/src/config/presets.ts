import { getInitializer, type InitializerSpec } from '@initlab/initializers';
import {
  isGroup,
  mergeRun,
  type Experiment,
  type ExperimentConfig,
  type GroupConfig,
  type Overrides,
  type RunSpec,
} from './config.js';
import { ConfigError } from '../errors.js';
import { hint } from './suggest.js';
import { batchNormPresets } from './presets-batchnorm.js';
import { papersDeepPresets } from './presets-papers-deep.js';
import { papersLinearPresets } from './presets-papers-linear.js';
import { sweepPresets } from './presets-sweeps.js';

const SEEDS = [0, 1, 2];
const SGD_01 = { name: 'sgd', lr: 0.1 };
const SEED_NETWORK = { hiddenSizes: [50], optimizer: SGD_01, batchSize: 100, iterations: 10_000 };

/**
 * The study, exactly: the book's ch. 6 experiments on MNIST (784-50-10 and 784-100×4-10) and its
 * activation-histogram figure. Each runs over seeds 0, 1, 2 (book-histogram: seed 0). Their findings are
 * claims checked against the results, with thresholds and margins measured on seeds 0–4: checks/claims.ts.
 */
export const presets: Readonly<Record<string, ExperimentConfig>> = {
  'seed-scale': {
    name: 'seed-scale',
    description: '784-50-10 sigmoid, normal σ = 1.0 / 0.1 / 0.01 / 0.001: too large saturates, too small vanishes',
    dataset: 'mnist',
    kind: 'train',
    base: { ...SEED_NETWORK, activation: 'sigmoid' },
    runs: ['1.0', '0.1', '0.01', '0.001'].map((std) => ({
      label: `param=${std}`,
      initializer: { name: 'normal', std: Number(std) },
    })),
    seeds: SEEDS,
  },
  'seed-xavier': {
    name: 'seed-xavier',
    description: '784-50-10 sigmoid, normal σ = 0.1 vs Xavier (σ = √(1/fanIn))',
    dataset: 'mnist',
    kind: 'train',
    base: { ...SEED_NETWORK, activation: 'sigmoid' },
    runs: [
      { label: 'param=0.1', initializer: { name: 'normal', std: 0.1 } },
      { label: 'Xavier', initializer: 'xavier' },
    ],
    seeds: SEEDS,
  },
  'seed-he': {
    name: 'seed-he',
    description: '784-50-10: σ = 0.1 + sigmoid vs Xavier + sigmoid vs He + ReLU',
    dataset: 'mnist',
    kind: 'train',
    base: SEED_NETWORK,
    runs: [
      { label: 'param=0.1 + sigmoid', initializer: { name: 'normal', std: 0.1 }, activation: 'sigmoid' },
      { label: 'Xavier + sigmoid', initializer: 'xavier', activation: 'sigmoid' },
      { label: 'He + ReLU', initializer: 'he', activation: 'relu' },
    ],
    seeds: SEEDS,
  },
  'book-compare': {
    name: 'book-compare',
    description: "the book's weight_init_compare.py: 784-100×4-10 ReLU, std=0.01 vs Xavier vs He, SGD lr 0.01",
    dataset: 'mnist',
    kind: 'train',
    base: {
      hiddenSizes: [100, 100, 100, 100],
      activation: 'relu',
      optimizer: { name: 'sgd', lr: 0.01 },
      batchSize: 128,
      iterations: 2000,
    },
    runs: [
      { label: 'std=0.01', initializer: { name: 'normal', std: 0.01 } },
      { label: 'Xavier', initializer: 'xavier' },
      { label: 'He', initializer: 'he' },
    ],
    seeds: SEEDS,
  },
  'book-histogram': {
    name: 'book-histogram',
    description: "the book's activation histograms: 1000 N(0,1) inputs through 5 layers of 100, no training",
    kind: 'histogram',
    base: {
      hiddenSizes: [100, 100, 100, 100, 100],
      histogram: { samples: 1000, inputSize: 100, bins: 30, range: [0, 1] },
    },
    runs: [
      { label: 'sigmoid + std=1', activation: 'sigmoid', initializer: { name: 'normal', std: 1 } },
      { label: 'sigmoid + std=0.01', activation: 'sigmoid', initializer: { name: 'normal', std: 0.01 } },
      { label: 'sigmoid + Xavier', activation: 'sigmoid', initializer: 'xavier' },
      { label: 'ReLU + std=0.01', activation: 'relu', initializer: { name: 'normal', std: 0.01 } },
      { label: 'ReLU + Xavier', activation: 'relu', initializer: 'xavier' },
      { label: 'ReLU + He', activation: 'relu', initializer: 'he' },
      // tanh outputs lie in [-1, 1]; the [0, 1] range of the other runs would cut off its negative half.
      { label: 'tanh + Xavier', activation: 'tanh', initializer: 'xavier', histogram: { range: [-1, 1] } },
    ],
    seeds: [0],
  },
  ...batchNormPresets,
  ...papersDeepPresets,
  ...papersLinearPresets,
  ...sweepPresets,
};

/** The presets of the group `papers`, in its order: the four papers' runs, then the two sweeps. */
export const PAPER_PRESETS = [
  'he-deep',
  'glorot-bengio',
  'saxe-orthogonal',
  'lsuv',
  'edge-of-chaos',
  'jacobian-spectrum',
] as const;

/** Presets reported together: `seed` is the article (its three experiments), `book` the book's three figures. */
export const groups: Readonly<Record<string, GroupConfig>> = {
  seed: {
    name: 'seed',
    description: 'the article: seed-scale, seed-xavier and seed-he',
    experiments: [presets['seed-scale'], presets['seed-xavier'], presets['seed-he']],
  },
  book: {
    name: 'book',
    description: "the book's figures: book-compare, book-histogram and book-batchnorm",
    experiments: [presets['book-compare'], presets['book-histogram'], presets['book-batchnorm']],
  },
  papers: {
    name: 'papers',
    description: 'the papers: he-deep, glorot-bengio, saxe-orthogonal, lsuv, edge-of-chaos and jacobian-spectrum',
    experiments: PAPER_PRESETS.map((name) => presets[name]),
  },
};

/** A preset or group by name, as a fresh copy; unknown names throw a ConfigError naming the closest one. */
export function getPreset(name: string): Experiment {
  const found = Object.hasOwn(presets, name) ? presets[name] : Object.hasOwn(groups, name) ? groups[name] : undefined;
  if (!found) {
    const names = [...Object.keys(presets), ...Object.keys(groups)];
    throw new ConfigError([{ path: '', message: `unknown preset '${name}'${hint(name, names)}` }], 'preset');
  }
  return structuredClone(found);
}

/** One line per preset and group, for `initlab list presets`. */
export function listPresets(): { name: string; description: string; kind: 'preset' | 'group' }[] {
  return [
    ...Object.values(presets).map(({ name, description = '' }) => ({ name, description, kind: 'preset' as const })),
    ...Object.values(groups).map(({ name, description = '' }) => ({ name, description, kind: 'group' as const })),
  ];
}

const ACTIVATION_LABELS: Record<string, string> = {
  sigmoid: 'sigmoid',
  relu: 'ReLU',
  tanh: 'tanh',
  leakyRelu: 'leaky ReLU',
};

/**
 * The runs replacing an experiment's when `initializers` are overridden. When every run of the experiment uses
 * the same activation it is kept; when they differ (seed-he, book-histogram), he and kaiming* get ReLU and every
 * other initializer the first run's activation, and labels say which (`"xavier + sigmoid"`).
 */
function runsFor(config: ExperimentConfig, initializers: InitializerSpec[]): RunSpec[] {
  const activations = (config.runs ?? []).map((run) => mergeRun(config.base, run).activation);
  const mixed = new Set(activations).size > 1;
  return initializers.map((initializer) => {
    const { name, label } = getInitializer(initializer);
    if (!mixed) return { label, initializer };
    const activation = /^(he|kaiming)/i.test(name) ? 'relu' : (activations[0] ?? 'sigmoid');
    return { label: `${label} + ${ACTIVATION_LABELS[activation] ?? activation}`, initializer, activation };
  });
}

function overrideOne(config: ExperimentConfig, overrides: Overrides): ExperimentConfig {
  const result = structuredClone(config);
  if (overrides.iterations !== undefined && (result.kind ?? 'train') === 'train') {
    result.base = { ...result.base, iterations: overrides.iterations };
    for (const run of result.runs ?? []) delete run.iterations;
  }
  if (overrides.seeds !== undefined) result.seeds = [...overrides.seeds];
  if (overrides.initializers !== undefined && result.runs) result.runs = runsFor(result, overrides.initializers);
  return result;
}

/** A copy of an experiment or group with command-line overrides applied (`parseExperiment(config, overrides)` checks both). */
export function withOverrides<T extends Experiment>(experiment: T, overrides: Overrides): T {
  if (isGroup(experiment)) {
    return {
      ...structuredClone(experiment),
      experiments: experiment.experiments.map((one) => overrideOne(one, overrides)),
    };
  }
  return overrideOne(experiment, overrides) as T;
}
