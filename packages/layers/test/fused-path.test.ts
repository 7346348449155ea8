import { createRng, type Matrix } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import { type ActivationName, MultiLayerNet } from '../src/index.js';
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
  it.each(cases)('gives the layer-by-layer loss, scores and gradients bit for bit (%s, hidden %j)', (activation, hidden) => {
    const network = net(activation, hidden);
    const x = randomMatrix(5, 13, 7);
    // Some exact zeros in the input make pre-activations land on the ReLU kink.
    for (let i = 0; i < x.size; i += 4) x.data[i] = 0;
    const labels = Int32Array.from({ length: 13 }, (_, i) => i % 3);
    const reference = layerByLayer(network, x, labels);
    network.params.forEach((p) => p.grad.fill(Number.NaN));
    expect(network.gradient(x, labels)).toBe(reference.loss);
    network.params.forEach((p, i) => expect(Array.from(p.grad), p.name).toEqual(Array.from(reference.grads[i])));
    expect(Array.from(network.predict(x).data)).toEqual(Array.from(reference.scores));
  });
});
