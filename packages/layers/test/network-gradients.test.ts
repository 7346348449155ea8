import { createRng, Matrix } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import type { ActivationName } from '../src/index.js';
import { smallNet } from './nets.js';
import {
  activation64,
  affine64,
  batchNorm64,
  crossEntropy64,
  type Dense,
  map64,
  numericGradient,
  randomMatrix,
  relativeError,
  toDense,
} from './reference.js';

const sizes = [6, 5, 4, 3];

/** The whole network's loss in float64 from its parameter values in the book's order (W1, b1, [γ1, β1], W2, …). */
function networkLoss64(
  params: Float64Array[],
  x: Dense,
  labels: Int32Array,
  activation: ActivationName,
  batchNorm: boolean,
  weightDecay: number,
): number {
  let out = x;
  let next = 0;
  let decay = 0;
  for (let layer = 1; layer < sizes.length; layer++) {
    const weights = params[next++];
    const bias = params[next++];
    for (const w of weights) decay += 0.5 * weightDecay * w * w;
    out = affine64(out, { data: weights, rows: sizes[layer - 1], cols: sizes[layer] }, bias);
    if (layer === sizes.length - 1) break;
    if (batchNorm) out = batchNorm64(out, params[next++], params[next++]);
    out = map64(out, activation64[activation]);
  }
  return crossEntropy64(out, labels) + decay;
}

describe('gradient of a whole 3-layer network against float64 finite differences', () => {
  const x = randomMatrix(21, 8, 6);
  const labels = Int32Array.of(0, 1, 2, 1, 0, 2, 2, 1);
  const cases: [ActivationName, boolean, number][] = [
    ['sigmoid', false, 0],
    ['relu', false, 0.1],
    ['tanh', true, 0],
    ['relu', true, 0.05],
    ['leakyRelu', true, 0],
  ];
  for (const [activation, batchNorm, weightDecay] of cases) {
    it(`${activation}${batchNorm ? ' + batch norm' : ''}, weight decay ${weightDecay}`, () => {
      const net = smallNet({
        activation,
        initializer: { name: 'normal', std: 0.8 },
        rng: createRng(3),
        batchNorm,
        weightDecay,
      });
      // Non-zero biases and γ/β so that their gradients are exercised away from the starting point.
      const rng = createRng(4);
      for (const param of net.params) if (!param.name.startsWith('W')) rng.fillNormal(param.value, 0.5);
      if (batchNorm)
        for (const param of net.params)
          if (param.name.startsWith('gamma')) for (let i = 0; i < param.value.length; i++) param.value[i] += 1;

      const loss = net.gradient(x, labels);
      const params64 = net.params.map((p) => Float64Array.from(p.value));
      const x64 = toDense(x);
      const f = () => networkLoss64(params64, x64, labels, activation, batchNorm, weightDecay);
      expect(Math.abs(loss - f())).toBeLessThan(1e-5);
      expect(net.params.map((p) => p.name)).toEqual(
        batchNorm
          ? ['W1', 'b1', 'gamma1', 'beta1', 'W2', 'b2', 'gamma2', 'beta2', 'W3', 'b3']
          : ['W1', 'b1', 'W2', 'b2', 'W3', 'b3'],
      );
      net.params.forEach((param, i) => {
        const numeric = numericGradient(f, params64[i]);
        expect(relativeError(param.grad, numeric, 1e-3), param.name).toBeLessThan(1e-4);
      });
    });
  }

  it('loss in evaluation mode uses the running statistics, not the batch', () => {
    const net = smallNet({ rng: createRng(5), batchNorm: true });
    expect(net.loss(x, labels, false)).not.toBeCloseTo(net.loss(x, labels, true), 3);
  });

  it('accuracy agrees for index and one-hot labels', () => {
    const net = smallNet({ hiddenSizes: [5], rng: createRng(5) });
    const scores = net.predict(x).clone();
    let correct = 0;
    for (let row = 0; row < 8; row++) {
      let best = 0;
      for (let j = 1; j < 3; j++) if (scores.get(row, j) > scores.get(row, best)) best = j;
      if (best === labels[row]) correct++;
    }
    const oneHot = Matrix.zeros(8, 3);
    for (const [row, label] of labels.entries()) oneHot.set(row, label, 1);
    expect(net.accuracy(x, labels)).toBe(correct / 8);
    expect(net.accuracy(x, oneHot)).toBe(correct / 8);
  });
});
