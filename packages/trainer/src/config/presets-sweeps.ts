import type { ExperimentConfig } from './config.js';

/* The sweep presets: maps over a weight scale (or a named configuration) and the depth, one cell per point. */

/** σ_b² of the edge-of-chaos nets: Schoenholz et al.'s, with the critical point at σ_w² ≈ 1.76. */
export const EDGE_OF_CHAOS_SIGMA_B2 = 0.05;

export const sweepPresets: Readonly<Record<string, ExperimentConfig>> = {
  'edge-of-chaos': {
    name: 'edge-of-chaos',
    description:
      'Schoenholz et al. 2017: tanh nets of width 100, σ_w² × depth, σ_b² = 0.05; they train only below 6ξ_c, deepest at the edge of chaos',
    dataset: 'mnist',
    kind: 'train',
    base: {
      hiddenSizes: [100],
      activation: 'tanh',
      // Every layer, the readout included: N(0, σ_w²/fanIn); the grid sets the scale.
      initializer: { name: 'varianceScaling', scale: 1, mode: 'fanIn', distribution: 'normal' },
      biasInitializer: { name: 'normal', std: Math.sqrt(EDGE_OF_CHAOS_SIGMA_B2) },
      optimizer: { name: 'sgd', lr: 0.01 },
      batchSize: 128,
      iterations: 500,
      // Accuracy after the last step only (on the first 10 000 training images and the test set). Statistics on
      // 100 samples and forward passes of 250 rows keep a 60-layer net's evaluation buffers small: the grid's
      // peak memory stays under 300 MB (neither changes an accuracy).
      evaluation: { every: 500, trainSamples: 10_000, testSamples: 'all', statsSamples: 100, chunkSize: 250 },
    },
    grid: {
      axes: [
        { name: 'sigmaW2', setting: 'initializer.scale', values: [1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0] },
        { name: 'depth', setting: 'depth', values: [10, 20, 30, 40, 50, 60] },
      ],
      heatmap: { x: 'sigmaW2', y: 'depth' },
    },
    seeds: [0],
  },
  'jacobian-spectrum': {
    name: 'jacobian-spectrum',
    description:
      'Pennington et al. 2017: singular values of the input–output Jacobian at initialization, width 100, depth 2–128; orthogonal tanh stays tight, Gaussian tanh and He + ReLU spread',
    dataset: 'mnist',
    kind: 'jacobian',
    // Biases 0 (the default); J is taken at the first 20 training images.
    base: { hiddenSizes: [100], jacobian: { samples: 20 } },
    grid: {
      axes: [
        {
          name: 'config',
          values: [
            { label: 'relu-he', activation: 'relu', initializer: 'he' },
            // The book's Xavier: N(0, 1/fanIn), σ_w² = 1.
            { label: 'tanh-gaussian', activation: 'tanh', initializer: 'xavier' },
            { label: 'tanh-orthogonal', activation: 'tanh', initializer: { name: 'orthogonal', gain: 1 } },
          ],
        },
        { name: 'depth', setting: 'depth', values: [2, 8, 32, 128] },
      ],
      heatmap: { x: 'config', y: 'depth' },
    },
    seeds: [0],
  },
};
