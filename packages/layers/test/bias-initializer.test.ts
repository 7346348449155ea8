import { createRng } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import { LayerError, MultiLayerNet } from '../src/index.js';

const SIGMA_B = Math.sqrt(0.05);

/** Mean and variance of `values` (float64 sums). */
function moments(values: Float32Array): { mean: number; variance: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return { mean, variance: squares / (values.length - 1) };
}

/**
 * Checks that `values` look drawn from N(0, std²): the mean within 5σ of 0 (σ = std/√n) and the sample variance
 * within 5σ of std² (its standard error is std²·√(2/(n−1)) for a normal sample).
 */
function expectNormal(values: Float32Array, std: number): void {
  const n = values.length;
  const { mean, variance } = moments(values);
  expect(Math.abs(mean)).toBeLessThan((5 * std) / Math.sqrt(n));
  expect(Math.abs(variance / (std * std) - 1)).toBeLessThan(5 * Math.sqrt(2 / (n - 1)));
}

describe('MultiLayerNet biasInitializer', () => {
  it('leaves biases at zero by default and draws nothing for them: the next draw is the one after the weights', () => {
    const rng = createRng(7);
    const net = new MultiLayerNet({
      inputSize: 9,
      hiddenSizes: [7, 5],
      outputSize: 3,
      activation: 'tanh',
      initializer: { name: 'normal', std: 0.1 },
      rng,
    });
    for (const affine of net.affineLayers) expect(Array.from(affine.bias.data).every((b) => b === 0)).toBe(true);
    const reference = createRng(7);
    for (const size of [9 * 7, 7 * 5, 5 * 3]) reference.fillNormal(new Float32Array(size), 0.1);
    expect(rng.nextGaussian()).toBe(reference.nextGaussian());
  });

  it('draws W1, b1, W2, b2, … in that order from the one generator (odd sizes cross the cached Gaussian)', () => {
    const rng = createRng(3);
    const net = new MultiLayerNet({
      inputSize: 9,
      hiddenSizes: [7, 5],
      outputSize: 3,
      activation: 'tanh',
      initializer: { name: 'normal', std: 0.1 },
      biasInitializer: { name: 'normal', std: SIGMA_B },
      rng,
    });
    const reference = createRng(3);
    const sizes = [9, 7, 5, 3];
    for (let k = 0; k < 3; k++) {
      const weights = reference.fillNormal(new Float32Array(sizes[k] * sizes[k + 1]), 0.1);
      const bias = reference.fillNormal(new Float32Array(sizes[k + 1]), SIGMA_B);
      expect(net.affineLayers[k].weights.data).toEqual(weights);
      expect(net.affineLayers[k].bias.data).toEqual(bias);
      expect(bias.some((b) => b !== 0)).toBe(true);
    }
    expect(rng.nextGaussian()).toBe(reference.nextGaussian());
  });

  it('draws normal biases with the stated spread (20 001 values, 5σ bounds)', () => {
    const net = new MultiLayerNet({
      inputSize: 1,
      hiddenSizes: [20_000],
      outputSize: 1,
      activation: 'tanh',
      initializer: 'xavier',
      biasInitializer: { name: 'normal', std: SIGMA_B },
      rng: createRng(11),
    });
    const biases = new Float32Array([...net.affineLayers[0].bias.data, ...net.affineLayers[1].bias.data]);
    expectNormal(biases, SIGMA_B);
  });

  it("gives a variance-scaling bias initializer the layer's fanIn: he → std √(2/fanIn)", () => {
    const net = new MultiLayerNet({
      inputSize: 50,
      hiddenSizes: [20_000],
      outputSize: 1,
      activation: 'relu',
      initializer: 'he',
      biasInitializer: 'he',
      rng: createRng(5),
    });
    expectNormal(net.affineLayers[0].bias.data, Math.sqrt(2 / 50));
  });

  it('takes one bias initializer per affine layer, and names a list of the wrong length', () => {
    const net = new MultiLayerNet({
      inputSize: 4,
      hiddenSizes: [3],
      outputSize: 2,
      activation: 'relu',
      initializer: 'he',
      biasInitializer: ['zeros', { name: 'constant', value: 0.5 }],
      rng: createRng(0),
    });
    expect(Array.from(net.affineLayers[0].bias.data)).toEqual([0, 0, 0]);
    expect(Array.from(net.affineLayers[1].bias.data)).toEqual([0.5, 0.5]);
    const wrong = () =>
      new MultiLayerNet({
        inputSize: 4,
        hiddenSizes: [3],
        outputSize: 2,
        activation: 'relu',
        initializer: 'he',
        biasInitializer: ['zeros'],
        rng: createRng(0),
      });
    expect(wrong).toThrow(LayerError);
    expect(wrong).toThrow(/1 bias initializers given for 2 affine layers/);
  });

  it('draws nothing with initialize: false (a net sharing another one’s weights and biases)', () => {
    const values = new Float32Array(4 * 3 + 3 + 3 * 2 + 2).fill(0.25);
    const rng = createRng(0);
    new MultiLayerNet({
      inputSize: 4,
      hiddenSizes: [3],
      outputSize: 2,
      activation: 'relu',
      initializer: 'he',
      biasInitializer: { name: 'normal', std: 1 },
      parameters: { values },
      initialize: false,
      rng,
    });
    expect(values.every((v) => v === 0.25)).toBe(true);
    expect(rng.nextGaussian()).toBe(createRng(0).nextGaussian());
  });
});
