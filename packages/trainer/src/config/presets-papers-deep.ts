import type { ExperimentConfig } from './config.js';

/*
 * Two papers on deep ReLU nets, on MNIST: He et al. 2015 (Fig. 3, as an MLP) and Mishkin & Matas 2015 (LSUV).
 * Both train with SGD lr 0.01, batch 128, for 2000 iterations, over seeds 0, 1, 2. Evaluations every 500
 * iterations on 2000 training and 2000 test images keep each preset to minutes: the claims read the loss curve,
 * which every iteration records, and the accuracies only as a summary.
 */
const SEEDS = [0, 1, 2];
const WIDTH = 100;
const hidden = (layers: number) => Array.from({ length: layers }, () => WIDTH);
const DEEP_TRAINING = {
  activation: 'relu',
  optimizer: { name: 'sgd', lr: 0.01 },
  batchSize: 128,
  iterations: 2000,
  evaluation: { every: 500, trainSamples: 2000, testSamples: 2000 },
} as const;

export const papersDeepPresets: Readonly<Record<string, ExperimentConfig>> = {
  'he-deep': {
    name: 'he-deep',
    description:
      'He et al. 2015, Fig. 3 as an MLP: ReLU, 100 units per hidden layer, Xavier vs He at 30 and at 10 hidden ' +
      'layers; SGD lr 0.01, batch 128, 2000 iterations (evaluated every 500 on 2000 train / 2000 test images)',
    dataset: 'mnist',
    kind: 'train',
    base: { ...DEEP_TRAINING, evaluation: { ...DEEP_TRAINING.evaluation } },
    runs: [
      { label: 'Xavier, 30 layers', initializer: 'xavier', hiddenSizes: hidden(30) },
      { label: 'He, 30 layers', initializer: 'he', hiddenSizes: hidden(30) },
      { label: 'Xavier, 10 layers', initializer: 'xavier', hiddenSizes: hidden(10) },
      { label: 'He, 10 layers', initializer: 'he', hiddenSizes: hidden(10) },
    ],
    seeds: SEEDS,
  },
  lsuv: {
    name: 'lsuv',
    description:
      'Mishkin & Matas 2015: ReLU 784-[100×20]-10, He vs orthogonal (gain 1) vs LSUV (orthogonal, then each ' +
      'layer, output included, rescaled to output variance 1 ± 0.1 on the first 128 training images, ≤ 10 ' +
      'rescalings); SGD lr 0.01, batch 128, 2000 iterations (evaluated every 500 on 2000 train / 2000 test images)',
    dataset: 'mnist',
    kind: 'train',
    base: { ...DEEP_TRAINING, evaluation: { ...DEEP_TRAINING.evaluation }, hiddenSizes: hidden(20) },
    runs: [
      { label: 'He', initializer: 'he' },
      { label: 'Orthogonal', initializer: { name: 'orthogonal', gain: 1 } },
      {
        label: 'LSUV',
        initializer: { name: 'orthogonal', gain: 1 },
        lsuv: { samples: 128, tolerance: 0.1, maxIterations: 10 },
      },
    ],
    seeds: SEEDS,
  },
};
