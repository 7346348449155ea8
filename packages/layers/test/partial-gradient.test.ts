import { createRng, Matrix } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import { LayerError, MultiLayerNet, type ActivationName } from '../src/index.js';
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
