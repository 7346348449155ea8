import { createRng, Matrix } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import { type MultiLayerNet, parameterCount, type ActivationName } from '../src/index.js';
import { smallNet } from './nets.js';

const ROWS = 45;

function batch(rows: number, cols: number, classes: number, seed: number): { x: Matrix; labels: Int32Array } {
  const rng = createRng(seed);
  const x = Matrix.zeros(rows, cols);
  rng.fillNormal(x.data, 1);
  const labels = Int32Array.from({ length: rows }, (_, i) => (i * 7 + seed) % classes);
  return { x, labels };
}

function net(activation: ActivationName, weightDecay = 0): MultiLayerNet {
  return smallNet({ inputSize: 30, hiddenSizes: [24, 16], outputSize: 5, activation, weightDecay });
}

describe('MultiLayerNet.lossGradient and regularize', () => {
  it('regularize adds λ·W once, and gradient is lossGradient + regularize', () => {
    const { x, labels } = batch(ROWS, 30, 5, 5);
    const a = net('tanh', 0.05);
    const b = net('tanh', 0.05);
    const loss = a.gradient(x, labels);
    const crossEntropy = b.lossGradient(x, labels);
    expect(crossEntropy).toBe(b.lossLayer.forward(b.predict(x, true), labels));
    expect(crossEntropy + b.regularize()).toBe(loss);
    for (const [i, param] of b.params.entries()) expect(Array.from(param.grad)).toEqual(Array.from(a.params[i].grad));
  });

  it('lossGradient leaves out weight decay: λ·W is what regularize adds', () => {
    const { x, labels } = batch(ROWS, 30, 5, 6);
    const decayed = net('relu', 0.05);
    decayed.lossGradient(x, labels);
    const before = decayed.params.map((param) => param.grad.slice());
    decayed.regularize();
    const weights = decayed.affineLayers[0];
    const added = Array.from(weights.weightGrad.data).map((value, i) => value - before[0][i]);
    for (const [i, value] of added.entries()) expect(value).toBeCloseTo(0.05 * weights.weights.data[i], 6);
    expect(Array.from(decayed.params[1].grad)).toEqual(Array.from(before[1])); // biases: no decay
  });
});

describe('MultiLayerNet parameters storage', () => {
  const shape = { inputSize: 6, hiddenSizes: [5, 4], outputSize: 3 };
  const count = parameterCount(shape.inputSize, shape.hiddenSizes, shape.outputSize);

  it('keeps every W and b in the given arrays, in params order, and a second net can share the weights', () => {
    expect(count).toBe(6 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3);
    const values = new Float32Array(new SharedArrayBuffer(count * 4));
    const grads = new Float32Array(count);
    const own = smallNet();
    const stored = smallNet({ parameters: { values, grads } });
    let offset = 0;
    stored.params.forEach((param, i) => {
      expect(param.value.buffer).toBe(values.buffer);
      expect(param.grad.buffer).toBe(grads.buffer);
      expect(Array.from(param.value)).toEqual(Array.from(own.params[i].value));
      expect(Array.from(values.subarray(offset, offset + param.value.length))).toEqual(Array.from(param.value));
      offset += param.value.length;
    });
    const reader = smallNet({ parameters: { values }, initialize: false, initializer: 'ones' });
    expect(Array.from(values)).toEqual(own.params.flatMap((param) => Array.from(param.value)));
    const { x, labels } = batch(8, 6, 3, 7);
    expect(reader.gradient(x, labels)).toBe(own.gradient(x, labels));
  });

  it('refuses storage of the wrong length, and with batch normalization', () => {
    expect(() => smallNet({ parameters: { values: new Float32Array(count - 1) } })).toThrow(
      `MultiLayerNet: parameters.values must hold ${count} floats (every W and b in order), got ${count - 1}`,
    );
    expect(() => smallNet({ parameters: { values: new Float32Array(count) }, batchNorm: true })).toThrow(
      /without batch normalization/,
    );
  });
});
