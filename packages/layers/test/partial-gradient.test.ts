import { createRng, Matrix } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import { LayerError, MultiLayerNet, parameterCount, type ActivationName } from '../src/index.js';
import { smallNet } from './nets.js';

const ROWS = 45;
const SPLIT = 23;

function batch(rows: number, cols: number, classes: number, seed: number): { x: Matrix; labels: Int32Array } {
  const rng = createRng(seed);
  const x = Matrix.zeros(rows, cols);
  rng.fillNormal(x.data, 1);
  const labels = Int32Array.from({ length: rows }, (_, i) => (i * 7 + seed) % classes);
  return { x, labels };
}

/** Rows [from, to) of x as their own matrix. */
function rowsOf(x: Matrix, from: number, to: number): Matrix {
  return new Matrix(x.data.slice(from * x.cols, to * x.cols), [to - from, x.cols]);
}

function grads(net: MultiLayerNet): Float32Array[] {
  return net.params.map((param) => param.grad.slice());
}

function net(activation: ActivationName, weightDecay = 0): MultiLayerNet {
  return smallNet({ inputSize: 30, hiddenSizes: [24, 16], outputSize: 5, activation, weightDecay });
}

describe('MultiLayerNet.partialGradient', () => {
  for (const activation of ['relu', 'sigmoid', 'tanh', 'leakyRelu'] as const) {
    it(`${activation}: a batch split at a row is its two parts' shares, added, bit for bit`, () => {
      const { x, labels } = batch(ROWS, 30, 5, 3);
      const parts = net(activation);
      const first = parts.partialGradient(rowsOf(x, 0, SPLIT), labels.slice(0, SPLIT), ROWS);
      const firstGrads = grads(parts);
      const second = parts.partialGradient(rowsOf(x, SPLIT, ROWS), labels.slice(SPLIT), ROWS);
      const summed = grads(parts).map((g, i) => g.map((v, j) => Math.fround(v + firstGrads[i][j])));

      const whole = net(activation);
      const loss = whole.partialGradient(x, labels, ROWS, SPLIT);
      expect(loss).toBe(first + second);
      whole.params.forEach((param, i) => expect(Array.from(param.grad), param.name).toEqual(Array.from(summed[i])));
    });
  }

  it('takes its rows as a share of batchRows: each row counts 1/batchRows, as in the whole batch', () => {
    const { x, labels } = batch(ROWS, 30, 5, 4);
    const whole = net('relu');
    const loss = whole.partialGradient(x, labels);
    const half = net('relu');
    expect(half.partialGradient(x, labels, 2 * ROWS)).toBe(loss / 2);
    // Halving every per-row gradient is exact in binary floating point.
    half.params.forEach((param, i) => expect(Array.from(param.grad)).toEqual(Array.from(whole.params[i].grad).map((v) => v / 2)));
  });

  it('regularize adds λ·W once to the summed shares, and gradient is partialGradient + regularize', () => {
    const { x, labels } = batch(ROWS, 30, 5, 5);
    const a = net('tanh', 0.05);
    const b = net('tanh', 0.05);
    const loss = a.gradient(x, labels);
    expect(b.partialGradient(x, labels) + b.regularize()).toBe(loss);
    b.params.forEach((param, i) => expect(Array.from(param.grad)).toEqual(Array.from(a.params[i].grad)));
  });

  it('refuses a part or a split for a net with batch normalization or dropout', () => {
    const { x, labels } = batch(ROWS, 6, 3, 6);
    for (const options of [{ batchNorm: true }, { dropout: 0.5 }]) {
      const withBatchStats = smallNet(options);
      expect(withBatchStats.splittable).toBe(false);
      expect(() => withBatchStats.partialGradient(x, labels, ROWS + 1)).toThrow(LayerError);
      expect(() => withBatchStats.partialGradient(x, labels, ROWS, SPLIT)).toThrow(/whole batches only/);
      expect(Number.isFinite(withBatchStats.partialGradient(x, labels))).toBe(true);
    }
    expect(smallNet().splittable).toBe(true);
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
    expect(() => smallNet({ parameters: { values: new Float32Array(count) }, batchNorm: true })).toThrow(/without batch normalization/);
  });
});
