import { makeBlobs } from '@initlab/datasets';
import { MultiLayerNet, parameterCount, type ActivationName } from '@initlab/layers';
import { createRng, Matrix } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import { HalfSteps, splitsSteps } from '../src/parallel/half-steps.js';
import { stepMemory } from '../src/parallel/step-memory.js';

const dataset = makeBlobs({ samples: 300, classes: 5, features: 30, seed: 3 });
const hiddenSizes = [24, 16];

function netOn(activation: ActivationName, parameters?: { values: Float32Array; grads: Float32Array }): MultiLayerNet {
  return new MultiLayerNet({
    inputSize: 30,
    hiddenSizes,
    outputSize: 5,
    activation,
    initializer: 'he',
    rng: createRng(9),
    parameters,
  });
}

/** Rows `indices` of the training split as a batch. */
function batchOf(indices: Int32Array): { x: Matrix; labels: Int32Array } {
  const x = Matrix.zeros(indices.length, 30);
  const labels = new Int32Array(indices.length);
  dataset.train.batch(indices, x.data, labels);
  return { x, labels };
}

describe('a step over two halves of its batch', () => {
  for (const [activation, rows] of [
    ['relu', 64],
    ['sigmoid', 45],
    ['tanh', 45],
    ['leakyRelu', 64],
  ] as const) {
    it(`is its halves' gradients and losses weighted by their rows, on one thread (${activation}, batch ${rows})`, () => {
      const memory = stepMemory(dataset, rows, parameterCount(30, hiddenSizes, 5), {});
      expect(memory.helper).toBeUndefined();
      const net = netOn(activation, { values: memory.values, grads: memory.grads });
      const halves = new HalfSteps(net, dataset, rows, Matrix.zeros(rows, 30), new Int32Array(rows), memory);
      const indices = Int32Array.from({ length: rows }, (_, i) => (i * 37 + 5) % dataset.train.count);
      const loss = halves.gradient(indices);

      // Each half on a net of its own, combined here: (first/n)·g₁ + (second/n)·g₂, in float32.
      const first = Math.ceil(rows / 2);
      const [a, b] = [netOn(activation), netOn(activation)];
      const firstBatch = batchOf(indices.subarray(0, first));
      const secondBatch = batchOf(indices.subarray(first));
      const firstLoss = a.lossGradient(firstBatch.x, firstBatch.labels);
      const secondLoss = b.lossGradient(secondBatch.x, secondBatch.labels);
      const [wa, wb] = [first / rows, (rows - first) / rows];
      expect(loss).toBe(wa * firstLoss + wb * secondLoss);
      net.params.forEach((param, i) => {
        const [fa, fb] = [Math.fround(wa), Math.fround(wb)];
        const expected = a.params[i].grad.map(
          (value, j) => Math.fround(fa * value) + Math.fround(fb * b.params[i].grad[j]),
        );
        expect(Array.from(param.grad), param.name).toEqual(Array.from(expected));
      });

      // And the batch's own gradient, up to the rounding of the sums over its rows.
      const whole = netOn(activation);
      const wholeBatch = batchOf(indices);
      expect(loss).toBeCloseTo(whole.lossGradient(wholeBatch.x, wholeBatch.labels), 6);
      net.params.forEach((param, i) => {
        const reference = whole.params[i].grad;
        const scale = Math.max(...reference.map(Math.abs));
        for (const [j, value] of param.grad.entries()) {
          expect(Math.abs(value - reference[j])).toBeLessThanOrEqual(1e-5 * scale);
        }
      });
    });
  }

  it('is taken only by nets whose rows are independent, and batches of at least 32', () => {
    expect(splitsSteps({}, 32)).toBe(true);
    expect(splitsSteps({}, 31)).toBe(false);
    expect(splitsSteps({ batchNorm: true }, 100)).toBe(false);
    expect(splitsSteps({ dropout: 0.5 }, 100)).toBe(false);
  });
});
