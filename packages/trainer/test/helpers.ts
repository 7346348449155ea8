import { makeBlobs, type Dataset } from '@initlab/datasets';
import type { ExperimentConfig, RunConfig, RunResult } from '../src/index.js';

/** Three well-separated Gaussian clusters in 2-D: 1200 train, 300 test samples. */
export function blobs(): Dataset {
  return makeBlobs({ samples: 1500, classes: 3, features: 2, seed: 7 });
}

export const SMALL_RUN: RunConfig = {
  hiddenSizes: [16],
  activation: 'relu',
  initializer: 'he',
  optimizer: { name: 'sgd', lr: 0.1 },
  batchSize: 32,
  iterations: 200,
  seed: 3,
};

export const SMALL_EXPERIMENT: ExperimentConfig = {
  name: 'small',
  dataset: { name: 'blobs', samples: 1500, classes: 3, features: 2, seed: 7 },
  base: { hiddenSizes: [16], activation: 'relu', optimizer: { name: 'sgd', lr: 0.1 }, batchSize: 32, iterations: 120 },
  runs: [
    { label: 'He', initializer: 'he' },
    { label: 'Xavier', initializer: 'xavier', activation: 'tanh' },
    { label: 'std=0.01', initializer: { name: 'normal', std: 0.01 }, activation: 'sigmoid' },
  ],
  seeds: [0, 1],
};

/** A result without how it went (its wall time and helper steps), the only fields allowed to differ between identical runs. */
export function withoutTiming(run: RunResult): Omit<RunResult, 'wallTimeMs' | 'helperSteps'> {
  const { wallTimeMs: _ignored, helperSteps: _alsoIgnored, ...rest } = run;
  return rest;
}
