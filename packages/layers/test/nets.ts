import { createRng } from '@initlab/tensor';
import { MultiLayerNet, type MultiLayerNetOptions } from '../src/index.js';

/** A 6 → [5, 4] → 3 ReLU network with He weights (seed 1): small enough for finite differences. */
export function smallNet(overrides: Partial<MultiLayerNetOptions> = {}): MultiLayerNet {
  return new MultiLayerNet({
    inputSize: 6,
    hiddenSizes: [5, 4],
    outputSize: 3,
    activation: 'relu',
    initializer: 'he',
    rng: createRng(1),
    ...overrides,
  });
}
