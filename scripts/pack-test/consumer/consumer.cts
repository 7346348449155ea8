// Type-checked, never run: the CommonJS (`require` condition) types of the packages.
import { createRng } from '@initlab/tensor';
import { denseContext, getInitializer } from '@initlab/initializers';
import { makeBlobs } from '@initlab/datasets';
import type { RunConfig } from '@initlab/trainer';

export const weights: Float32Array = getInitializer('xavier').init(denseContext(4, 3, createRng(0)));
export const trainCount: number = makeBlobs({ samples: 30, classes: 3, features: 2, seed: 0 }).train.count;
export const iterations: RunConfig['iterations'] = 1;
// @ts-expect-error a seed is a number
createRng('0');
