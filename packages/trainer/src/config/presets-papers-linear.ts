import type { ExperimentConfig } from './config.js';

/*
 * Two papers on how the signal crosses many layers at initialization: Glorot & Bengio (2010) on deep tanh nets,
 * Saxe, McClelland & Ganguli (2013) on deep linear ones. Their findings are claims checked against the results
 * (checks/papers-linear-claims.ts), with thresholds from seeds 0–4.
 */

const SEEDS = [0, 1, 2];

/**
 * PyTorch's default for a linear layer, U[−1/√fanIn, 1/√fanIn]: `kaiming_uniform_(w, a=√5)` bounds the weights by
 * gain·√(3/fanIn) with gain² = 2/(1 + a²) = 1/3, so by 1/√fanIn. Glorot & Bengio's "standard" initialization.
 */
export const STANDARD_UNIFORM = { name: 'kaimingUniform', a: Math.sqrt(5) };

/** The depths of Saxe et al.'s comparison: hidden layers of 100 between MNIST's 784 inputs and 10 classes. */
export const SAXE_DEPTHS = [2, 8, 16, 32] as const;

/** Saxe et al.'s two initializations: the scaled Gaussian N(0, 1/fanIn) (`xavier`) and orthogonal with gain 1. */
const SAXE_INITIALIZERS = [
  { label: 'Gaussian', initializer: 'xavier' },
  { label: 'orthogonal', initializer: { name: 'orthogonal', gain: 1 } },
] as const;

export const papersLinearPresets: Readonly<Record<string, ExperimentConfig>> = {
  'glorot-bengio': {
    name: 'glorot-bengio',
    description:
      "Glorot & Bengio 2010, figs. 6–7: 784-1000×5-10 tanh, 'standard' U[−1/√fanIn, 1/√fanIn] vs 'normalized' " +
      'glorotUniform; SGD lr 0.01, batch 10, 2000 iterations; layer statistics (activations and back-propagated ' +
      'gradients) on the first 1000 training images; accuracy every 500 iterations on the first 1000 training and ' +
      'the first 2000 test images',
    dataset: 'mnist',
    kind: 'train',
    base: {
      hiddenSizes: [1000, 1000, 1000, 1000, 1000],
      activation: 'tanh',
      optimizer: { name: 'sgd', lr: 0.01 },
      batchSize: 10,
      iterations: 2000,
      evaluation: { every: 500, trainSamples: 1000, testSamples: 2000, statsSamples: 1000, statsSplit: 'train' },
    },
    runs: [
      { label: 'standard', initializer: STANDARD_UNIFORM },
      { label: 'normalized', initializer: 'glorotUniform' },
    ],
    seeds: SEEDS,
  },
  'saxe-orthogonal': {
    name: 'saxe-orthogonal',
    description:
      'Saxe, McClelland & Ganguli 2013: deep linear nets 784-100×d-10, d = 2, 8, 16, 32, Gaussian (xavier, ' +
      'N(0, 1/fanIn)) vs orthogonal (gain 1); SGD lr 0.4/(d + 1), batch 128, 1000 iterations; learning time: the ' +
      'first iteration whose 50-iteration mean loss is below 0.5; accuracy every 250 iterations on the first 1000 ' +
      'training and the first 2000 test images',
    dataset: 'mnist',
    kind: 'train',
    base: {
      activation: 'linear',
      batchSize: 128,
      iterations: 1000,
      evaluation: { every: 250, trainSamples: 1000, testSamples: 2000 },
    },
    runs: SAXE_DEPTHS.flatMap((depth) =>
      SAXE_INITIALIZERS.map(({ label, initializer }) => ({
        label: `${label}, d=${depth}`,
        hiddenSizes: Array.from({ length: depth }, () => 100),
        initializer,
        optimizer: { name: 'sgd', lr: 0.4 / (depth + 1) },
      })),
    ),
    seeds: SEEDS,
  },
};
