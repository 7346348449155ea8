import { createRng, Matrix } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import type { ActivationName, MultiLayerNet } from '../src/index.js';
import { smallNet } from './nets.js';
import {
  activation64,
  affine64,
  crossEntropy64,
  type Dense,
  map64,
  numericGradient,
  randomMatrix,
  relativeError,
  toDense,
} from './reference.js';

const sizes = [6, 5, 4, 3];

/** Evaluation-mode batch norm: the running statistics, the book's ε = 10e-7. */
function batchNormEval64(
  x: Dense,
  gamma: Float32Array,
  beta: Float32Array,
  mean: Float32Array,
  variance: Float32Array,
) {
  const out = new Float64Array(x.data.length);
  for (let i = 0; i < out.length; i++) {
    const j = i % x.cols;
    out[i] = (gamma[j] * (x.data[i] - mean[j])) / Math.sqrt(variance[j] + 1e-6) + beta[j];
  }
  return { data: out, rows: x.rows, cols: x.cols };
}

/**
 * The net in float64 from hidden layer `from`'s pre-activation s onwards (evaluation mode), and its mean
 * cross-entropy: L as a function of s alone.
 */
function lossFrom(net: MultiLayerNet, from: number, s: Dense, labels: Int32Array, activation: ActivationName): number {
  let out = s;
  for (let layer = from; layer < sizes.length - 1; layer++) {
    if (layer > from) {
      const affine = net.affineLayers[layer - 1];
      const w = { data: Float64Array.from(affine.weights.data), rows: affine.fanIn, cols: affine.fanOut };
      out = affine64(out, w, Float64Array.from(affine.bias.data));
    }
    const norm = net.layers.find((l) => l.name === `BatchNorm${layer}`) as
      | import('../src/index.js').BatchNormalization
      | undefined;
    if (norm) out = batchNormEval64(out, norm.gamma, norm.beta, norm.runningMean, norm.runningVar);
    out = map64(out, activation64[activation]);
    if (net.dropout > 0) out = map64(out, (v) => v * (1 - net.dropout));
  }
  const last = net.affineLayers[sizes.length - 2];
  const w = { data: Float64Array.from(last.weights.data), rows: last.fanIn, cols: last.fanOut };
  return crossEntropy64(affine64(out, w, Float64Array.from(last.bias.data)), labels);
}

/** Hidden layer `layer`'s pre-activation in float64 (1-based, as the Affine layers' names). */
function preActivation64(net: MultiLayerNet, layer: number, x: Dense, activation: ActivationName): Dense {
  let out = x;
  for (let k = 1; k <= layer; k++) {
    if (k > 1) {
      const norm = net.layers.find((l) => l.name === `BatchNorm${k - 1}`) as
        | import('../src/index.js').BatchNormalization
        | undefined;
      if (norm) out = batchNormEval64(out, norm.gamma, norm.beta, norm.runningMean, norm.runningVar);
      out = map64(out, activation64[activation]);
      if (net.dropout > 0) out = map64(out, (v) => v * (1 - net.dropout));
    }
    const affine = net.affineLayers[k - 1];
    const w = { data: Float64Array.from(affine.weights.data), rows: affine.fanIn, cols: affine.fanOut };
    out = affine64(out, w, Float64Array.from(affine.bias.data));
  }
  return out;
}

describe('MultiLayerNet.preActivationGradients: dL/ds against float64 finite differences', () => {
  const x = randomMatrix(31, 8, 6);
  const labels = Int32Array.of(0, 1, 2, 1, 0, 2, 2, 1);
  const cases: [ActivationName, { batchNorm?: boolean; dropout?: number }][] = [
    ['relu', {}],
    ['sigmoid', {}],
    ['tanh', {}],
    ['linear', {}],
    ['tanh', { batchNorm: true, dropout: 0.3 }],
  ];
  for (const [activation, extras] of cases) {
    const title = `${activation}${extras.batchNorm ? ' + batch norm + dropout (evaluation mode)' : ''}`;
    it(title, () => {
      const net = smallNet({ activation, initializer: { name: 'normal', std: 0.8 }, rng: createRng(3), ...extras });
      const rng = createRng(4);
      for (const param of net.params) if (param.name.startsWith('b')) rng.fillNormal(param.value, 0.5);
      // A training step first, so that batch norm's running statistics are not their starting values.
      net.gradient(randomMatrix(32, 8, 6), labels);
      const values = net.params.map((p) => p.value.slice());
      const grads = net.params.map((p) => p.grad.slice());

      const gradients = net.preActivationGradients(x, labels).map((g) => g.clone());
      expect(gradients.map((g) => [g.rows, g.cols])).toEqual([
        [8, 5],
        [8, 4],
      ]);
      for (const [k, gradient] of gradients.entries()) {
        const s = preActivation64(net, k + 1, toDense(x), activation);
        const numeric = numericGradient(() => lossFrom(net, k + 1, s, labels, activation), s.data);
        expect(relativeError(gradient.data, numeric, 1e-3), `layer ${k + 1}`).toBeLessThan(1e-4);
      }
      // Neither the weights nor the weight and bias gradients of the last training step change.
      net.params.forEach((param, i) => {
        expect(param.value, param.name).toEqual(values[i]);
        if (!param.name.startsWith('gamma') && !param.name.startsWith('beta')) {
          expect(param.grad, param.name).toEqual(grads[i]);
        }
      });
    });
  }

  it('records the forward pass with the activations tap, as predict does', () => {
    const net = smallNet({ activation: 'tanh' });
    net.setTaps({ activations: true });
    net.preActivationGradients(x, labels);
    const recorded = net.activations().map((a) => a.clone());
    net.predict(x, false);
    expect(recorded).toEqual(net.activations());
    expect(recorded[0]).toBeInstanceOf(Matrix);
  });
});
