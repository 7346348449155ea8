import { readFileSync } from 'node:fs';
import { createRng, Matrix, ShapeError } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import {
  Affine,
  BatchNormalization,
  LayerError,
  listActivations,
  MultiLayerNet,
  Relu,
  SoftmaxWithLoss,
} from '../src/index.js';
import { smallNet } from './nets.js';
import { randomMatrix } from './reference.js';

interface WeightFixture {
  seed: number;
  sizes: number[];
  std: number;
  weights: { shape: [number, number]; first: number[]; last: number[]; sum: number; sumOfSquares: number }[];
}

const fixture: WeightFixture = JSON.parse(readFileSync(new URL('./fixtures/weights.json', import.meta.url), 'utf8'));

describe('MultiLayerNet initial weights', () => {
  it("equal NumPy's 0.01·randn(784, 50) then 0.01·randn(50, 10) after seed 0", () => {
    const net = new MultiLayerNet({
      inputSize: 784,
      hiddenSizes: [50],
      outputSize: 10,
      activation: 'sigmoid',
      initializer: { name: 'normal', std: fixture.std },
      rng: createRng(fixture.seed),
    });
    expect(net.affineLayers.map((a) => a.weights.shape)).toEqual(fixture.weights.map((w) => w.shape));
    fixture.weights.forEach((expected, layer) => {
      const weights = net.affineLayers[layer].weights.data;
      expect(Array.from(weights.subarray(0, expected.first.length))).toEqual(expected.first);
      expect(Array.from(weights.subarray(weights.length - expected.last.length))).toEqual(expected.last);
      let sum = 0;
      let squares = 0;
      for (const w of weights) {
        sum += w;
        squares += w * w;
      }
      expect(sum).toBeCloseTo(expected.sum, 12);
      expect(squares).toBeCloseTo(expected.sumOfSquares, 12);
      expect(Array.from(net.affineLayers[layer].bias.data).every((b) => b === 0)).toBe(true);
    });
  });

  it('takes one initializer per affine layer', () => {
    const net = smallNet({ initializer: [{ name: 'normal', std: 1 }, { name: 'normal', std: 0.001 }, 'xavier'] });
    const std = (a: Affine) => Math.sqrt(a.weights.data.reduce((s, w) => s + w * w, 0) / a.weights.size);
    expect(std(net.affineLayers[0])).toBeGreaterThan(0.5);
    expect(std(net.affineLayers[1])).toBeLessThan(0.002);
    expect(() => smallNet({ initializer: ['he', 'he'] })).toThrow(/2 initializers given for 3 affine layers/);
  });
});

describe('MultiLayerNet structure and settings', () => {
  it("orders layers as the book's MultiLayerNetExtend", () => {
    const net = smallNet({ batchNorm: true, dropout: 0.5 });
    expect(net.layers.map((l) => l.name)).toEqual([
      'Affine1',
      'BatchNorm1',
      'Relu1',
      'Dropout1',
      'Affine2',
      'BatchNorm2',
      'Relu2',
      'Dropout2',
      'Affine3',
    ]);
    expect(net.layers[1]).toBeInstanceOf(BatchNormalization);
    expect(net.lossLayer).toBeInstanceOf(SoftmaxWithLoss);
  });

  it('rejects invalid settings naming the value and what is valid', () => {
    expect(() => smallNet({ dropout: 1 })).toThrow(LayerError);
    expect(() => smallNet({ dropout: 1 })).toThrow(/dropout must be a ratio in \[0, 1\), got 1/);
    expect(() => smallNet({ weightDecay: -1 })).toThrow(/weightDecay .* got -1/);
    expect(() => smallNet({ hiddenSizes: [5, 0] })).toThrow(/hiddenSizes\[1\] must be a positive integer, got 0/);
    expect(() => smallNet({ activation: 'rleu' as never })).toThrow(/unknown activation 'rleu' — did you mean 'relu'/);
  });

  it('names the layer and both shapes for input of the wrong shape', () => {
    const affine = new Affine(6, 5, 1);
    expect(() => affine.forward(Matrix.zeros(2, 7))).toThrow(ShapeError);
    expect(() => affine.forward(Matrix.zeros(2, 7))).toThrow(/Affine1: input \[2, 7\] does not fit W \[6, 5\]/);
    const relu = new Relu(2);
    relu.forward(Matrix.zeros(2, 3));
    expect(() => relu.backward(Matrix.zeros(3, 3))).toThrow(
      /Relu2: dout \[3, 3\] does not match the forward output \[2, 3\]/,
    );
    expect(() => new BatchNormalization(4, 1).forward(Matrix.zeros(2, 3), true)).toThrow(/BatchNorm1: input \[2, 3\]/);
    expect(() => smallNet().predict(Matrix.zeros(2, 7))).toThrow(ShapeError);
    expect(() => new SoftmaxWithLoss().forward(Matrix.zeros(2, 3), Int32Array.of(0, 3))).toThrow(/label 3 at row 1/);
    expect(() => new SoftmaxWithLoss().forward(Matrix.zeros(2, 3), Int32Array.of(0))).toThrow(ShapeError);
  });

  it('keeps NaN visible instead of clamping it', () => {
    const net = smallNet();
    net.affineLayers[0].weights.data[0] = Number.NaN;
    expect(net.gradient(randomMatrix(1, 4, 6), Int32Array.of(0, 1, 2, 0))).toBeNaN();
  });

  it('lists its activations with descriptions', () => {
    expect(listActivations().map((a) => a.name)).toEqual(['sigmoid', 'relu', 'tanh', 'leakyRelu', 'linear']);
    expect(listActivations().every((a) => a.description.length > 10)).toBe(true);
  });
});

describe('buffers', () => {
  it('are the same Matrix objects across steps of one batch size, new ones when it changes', () => {
    const net = smallNet({ batchNorm: true, dropout: 0.2 });
    const x = randomMatrix(2, 8, 6);
    const labels = Int32Array.of(0, 1, 2, 0, 1, 2, 0, 1);
    const outputs = () => {
      const seen: Matrix[] = [];
      let out = x;
      for (const layer of net.layers) {
        out = layer.forward(out, true);
        seen.push(out);
      }
      let dout = net.lossLayer.backward();
      for (let i = net.layers.length - 1; i > 0; i--) {
        dout = net.layers[i].backward(dout);
        seen.push(dout);
      }
      return seen;
    };
    net.gradient(x, labels);
    const first = net.predict(x, true);
    const firstAll = outputs();
    net.gradient(x, labels);
    expect(net.predict(x, true)).toBe(first);
    for (const [i, m] of outputs().entries()) expect(m).toBe(firstAll[i]);

    const smaller = net.predict(x.topRows(3), true);
    expect(smaller).not.toBe(first);
    expect(smaller.data.buffer).toBe(first.data.buffer);
  });
});

describe('taps', () => {
  it('record hidden activations and ‖dW‖ only when asked', () => {
    const net = smallNet({ weightDecay: 0.1 });
    const x = randomMatrix(3, 8, 6);
    const labels = Int32Array.of(0, 1, 2, 0, 1, 2, 0, 1);
    net.gradient(x, labels);
    expect(() => net.activations()).toThrow(/setTaps\(\{ activations: true \}\)/);
    expect(() => net.gradientNorms()).toThrow(LayerError);

    net.setTaps({ activations: true, gradientNorms: true });
    net.gradient(x, labels);
    const activations = net.activations();
    expect(activations.map((a) => a.shape)).toEqual([
      [8, 5],
      [8, 4],
    ]);
    const firstHidden = Array.from(activations[0].data);
    const preActivation = net.affineLayers[0].forward(x).data;
    expect(firstHidden).toEqual(Array.from(preActivation, (v) => Math.max(0, v)));
    const norms = net.gradientNorms();
    net.affineLayers.forEach((affine, k) => {
      let squares = 0;
      for (let i = 0; i < affine.weights.size; i++) {
        squares += (affine.weightGrad.data[i] - 0.1 * affine.weights.data[i]) ** 2;
      }
      expect(norms[k]).toBeCloseTo(Math.sqrt(squares), 5);
    });
  });
});
