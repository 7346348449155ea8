import { createRng, Matrix } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import {
  Affine,
  BatchNormalization,
  Dropout,
  LeakyRelu,
  Linear,
  Relu,
  Sigmoid,
  SoftmaxWithLoss,
  Tanh,
  type Layer,
} from '../src/index.js';
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
  weighted,
} from './reference.js';

const TOLERANCE = 1e-4;

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected[i])));
  }
}

/**
 * Runs `layer` forward and backward with a fixed upstream gradient R and checks dx and every parameter gradient
 * against finite differences of Σ reference(x, params) ⊙ R in float64.
 */
function checkLayer(layer: Layer, x: Matrix, train: boolean, reference: (x: Dense, params: Float64Array[]) => Dense) {
  const out = layer.forward(x, train);
  const upstream = randomMatrix(99, out.rows, out.cols);
  const x64 = toDense(x);
  const params64 = layer.params.map((p) => Float64Array.from(p.value));
  expectClose(out.data, reference(x64, params64).data);
  const dx = layer.backward(upstream);
  const f = () => weighted(reference(x64, params64), upstream.data);
  expect(relativeError(dx.data, numericGradient(f, x64.data))).toBeLessThan(TOLERANCE);
  layer.params.forEach((param, i) => {
    expect(relativeError(param.grad, numericGradient(f, params64[i])), param.name).toBeLessThan(TOLERANCE);
  });
}

describe('gradients of each layer against float64 finite differences', () => {
  it('Affine', () => {
    const layer = new Affine(5, 3, 1);
    layer.weights.data.set(randomMatrix(1, 5, 3).data);
    layer.bias.data.set(randomMatrix(2, 1, 3).data);
    checkLayer(layer, randomMatrix(3, 4, 5), true, (x, [w, b]) => affine64(x, { data: w, rows: 5, cols: 3 }, b));
  });

  it('Affine.backwardParams fills dW and db as backward does', () => {
    const layer = new Affine(5, 3);
    layer.weights.data.set(randomMatrix(1, 5, 3).data);
    const upstream = randomMatrix(4, 4, 3);
    layer.forward(randomMatrix(3, 4, 5));
    layer.backward(upstream);
    const weightGrad = layer.weightGrad.data.slice();
    layer.weightGrad.data.fill(0);
    layer.backwardParams(upstream);
    expect(layer.weightGrad.data).toEqual(weightGrad);
  });

  const activations: [string, Layer][] = [
    ['sigmoid', new Sigmoid()],
    ['relu', new Relu()],
    ['tanh', new Tanh()],
    ['leakyRelu', new LeakyRelu(0.01)],
    ['linear', new Linear()],
  ];
  for (const [name, layer] of activations) {
    it(name, () => checkLayer(layer, randomMatrix(5, 4, 6, 2), true, (x) => map64(x, activation64[name])));
  }

  it('LeakyRelu with another alpha', () => {
    checkLayer(new LeakyRelu(0.2), randomMatrix(5, 4, 6, 2), true, (x) => map64(x, (v) => (v > 0 ? v : 0.2 * v)));
  });

  it('BatchNormalization in training (batch statistics, all coupling terms)', () => {
    const layer = new BatchNormalization(4, 1);
    layer.gamma.set(randomMatrix(6, 1, 4).data);
    layer.beta.set(randomMatrix(7, 1, 4).data);
    const x = randomMatrix(8, 6, 4, 3);
    checkLayer(layer, x, true, (x64, [gamma, beta]) => batchNorm64(x64, gamma, beta));
  });

  it('BatchNormalization running statistics and evaluation mode', () => {
    const layer = new BatchNormalization(4);
    const x = randomMatrix(8, 6, 4, 3);
    layer.forward(x, true);
    const reference = batchNormStatistics(toDense(x));
    expectClose(
      layer.runningMean,
      reference.mean.map((m) => 0.1 * m),
    );
    expectClose(
      layer.runningVar,
      reference.variance.map((v) => 0.1 * v),
    );
    const runningMean = Float64Array.from(layer.runningMean);
    const runningVar = Float64Array.from(layer.runningVar);
    checkLayer(layer, randomMatrix(9, 5, 4), false, (x64, [gamma, beta]) => ({
      ...x64,
      data: x64.data.map((v, i) => {
        const j = i % 4;
        return (gamma[j] * (v - runningMean[j])) / Math.sqrt(runningVar[j] + 1e-6) + beta[j];
      }),
    }));
  });

  it('Dropout draws its mask row-major as np.random.rand(*shape) > ratio', () => {
    const x = randomMatrix(10, 3, 5);
    const draws = createRng(7).rand(15);
    const mask = Float64Array.from(draws, (u) => (u > 0.3 ? 1 : 0));
    const layer = new Dropout(0.3, createRng(7));
    checkLayer(layer, x, true, (x64) => ({ ...x64, data: x64.data.map((v, i) => v * mask[i]) }));
  });

  it('Dropout in evaluation scales by 1 − ratio', () => {
    checkLayer(new Dropout(0.3, createRng(7)), randomMatrix(10, 3, 5), false, (x64) => map64(x64, (v) => 0.7 * v));
  });

  it('SoftmaxWithLoss with index labels and with one-hot labels', () => {
    const x = randomMatrix(11, 5, 4, 3);
    const labels = Int32Array.of(0, 3, 1, 1, 2);
    const layer = new SoftmaxWithLoss();
    const x64 = toDense(x);
    const loss = layer.forward(x, labels);
    expect(Math.abs(loss - crossEntropy64(x64, labels))).toBeLessThan(1e-6);
    const dx = layer.backward().data.slice();
    expect(
      relativeError(
        dx,
        numericGradient(() => crossEntropy64(x64, labels), x64.data),
      ),
    ).toBeLessThan(TOLERANCE);

    const oneHot = Matrix.zeros(5, 4);
    for (const [row, label] of labels.entries()) oneHot.set(row, label, 1);
    expect(layer.forward(x, oneHot)).toBeCloseTo(loss, 12);
    expectClose(layer.backward().data, dx, 1e-7);
  });

  it('SoftmaxWithLoss stays finite where the softmax underflows', () => {
    const layer = new SoftmaxWithLoss();
    const loss = layer.forward(Matrix.from([1000, 0, -1000, 0], 2, 2), Int32Array.of(1, 0));
    expect(loss).toBeCloseTo((1000 + 1000) / 2, 6);
  });
});

function batchNormStatistics(x: Dense): { mean: number[]; variance: number[] } {
  const mean: number[] = [];
  const variance: number[] = [];
  for (let j = 0; j < x.cols; j++) {
    let sum = 0;
    for (let i = 0; i < x.rows; i++) sum += x.data[i * x.cols + j];
    mean.push(sum / x.rows);
    let squares = 0;
    for (let i = 0; i < x.rows; i++) squares += (x.data[i * x.cols + j] - mean[j]) ** 2;
    variance.push(squares / x.rows);
  }
  return { mean, variance };
}
