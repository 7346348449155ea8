import { createRng, type Matrix } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import {
  type ActivationName,
  Affine,
  AffineActivation,
  type ElementwiseActivation,
  LeakyRelu,
  MultiLayerNet,
  Relu,
  Sigmoid,
  Tanh,
} from '../src/index.js';
import { randomMatrix } from './reference.js';

function net(activation: ActivationName, hiddenSizes: number[]): MultiLayerNet {
  return new MultiLayerNet({
    inputSize: 7,
    hiddenSizes,
    outputSize: 3,
    activation,
    initializer: 'he',
    rng: createRng(11),
  });
}

/** Forward and backward one layer at a time, as the book's loop does: what the fused path must reproduce. */
function layerByLayer(network: MultiLayerNet, x: Matrix, labels: Int32Array) {
  let out = x;
  for (const layer of network.layers) out = layer.forward(out, true);
  const scores = out.data.slice();
  const loss = network.lossLayer.forward(out, labels);
  let dout = network.lossLayer.backward();
  for (let i = network.layers.length - 1; i > 0; i--) dout = network.layers[i].backward(dout);
  network.affineLayers[0].backwardParams(dout);
  return { loss, scores, grads: network.params.map((p) => p.grad.slice()) };
}

describe('the fused path of MultiLayerNet (bias inside the activation, bias gradient inside its backward)', () => {
  const cases: [ActivationName, number[]][] = [
    ['relu', [9, 6]],
    ['sigmoid', [5]],
    ['tanh', [4, 4]],
    ['leakyRelu', [6]],
    ['relu', []],
  ];
  it.each(cases)(
    'gives the layer-by-layer loss, scores and gradients bit for bit (%s, hidden %j)',
    (activation, hidden) => {
      const network = net(activation, hidden);
      const x = randomMatrix(5, 13, 7);
      // Some exact zeros in the input make pre-activations land on the ReLU kink.
      for (let i = 0; i < x.size; i += 4) x.data[i] = 0;
      const labels = Int32Array.from({ length: 13 }, (_, i) => i % 3);
      const reference = layerByLayer(network, x, labels);
      for (const p of network.params) p.grad.fill(Number.NaN);
      expect(network.gradient(x, labels)).toBe(reference.loss);
      for (const [i, p] of network.params.entries()) {
        expect(Array.from(p.grad), p.name).toEqual(Array.from(reference.grads[i]));
      }
      expect(Array.from(network.predict(x).data)).toEqual(Array.from(reference.scores));
    },
  );
});

describe('AffineActivation', () => {
  const activations: [string, () => ElementwiseActivation][] = [
    ['relu', () => new Relu(1)],
    ['sigmoid', () => new Sigmoid(1)],
    ['tanh', () => new Tanh(1)],
    ['leakyRelu', () => new LeakyRelu(0.1, 1)],
  ];
  it.each(activations)('equals Affine then the activation, forward and backward, bit for bit (%s)', (_, make) => {
    const plain = new Affine(6, 5, 1);
    const fusedAffine = new Affine(6, 5, 1);
    for (const affine of [plain, fusedAffine]) {
      affine.weights.data.set(randomMatrix(2, 6, 5).data);
      affine.bias.data.set(randomMatrix(3, 1, 5).data);
    }
    const plainActivation = make();
    const fused = new AffineActivation(fusedAffine, make());
    const x = randomMatrix(4, 9, 6);
    for (let i = 0; i < x.size; i += 3) x.data[i] = 0;
    const upstream = randomMatrix(5, 9, 5);

    const expected = plainActivation.forward(plain.forward(x));
    expect(Array.from(fused.forward(x).data)).toEqual(Array.from(expected.data));
    const expectedDx = plain.backward(plainActivation.backward(upstream));
    expect(Array.from(fused.backward(upstream).data)).toEqual(Array.from(expectedDx.data));
    expect(Array.from(fusedAffine.weightGrad.data)).toEqual(Array.from(plain.weightGrad.data));
    expect(Array.from(fusedAffine.biasGrad.data)).toEqual(Array.from(plain.biasGrad.data));

    fusedAffine.weightGrad.data.fill(0);
    fusedAffine.biasGrad.data.fill(0);
    fused.backwardParams(upstream);
    expect(Array.from(fusedAffine.weightGrad.data)).toEqual(Array.from(plain.weightGrad.data));
    expect(Array.from(fusedAffine.biasGrad.data)).toEqual(Array.from(plain.biasGrad.data));
    expect(fused.params).toBe(fusedAffine.params);
  });
});
