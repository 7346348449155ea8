import { createRng, type Matrix } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import { Affine, LayerError, lsuv, MultiLayerNet } from '../src/index.js';
import { randomMatrix } from './reference.js';

function net(activation: 'relu' | 'tanh', batchNorm = false): MultiLayerNet {
  return new MultiLayerNet({
    inputSize: 20,
    hiddenSizes: [30, 30, 30],
    outputSize: 10,
    activation,
    initializer: { name: 'normal', std: 0.01 },
    rng: createRng(0),
    batchNorm,
  });
}

/** Variance of each affine layer's output, forwarding the batch layer by layer (float64 sums). */
function affineOutputVariances(network: MultiLayerNet, batch: Matrix): number[] {
  const variances: number[] = [];
  let x = batch;
  for (const layer of network.layers) {
    x = layer.forward(x, false);
    if (!(layer instanceof Affine)) continue;
    const mean = x.data.reduce((s, v) => s + v, 0) / x.size;
    variances.push(x.data.reduce((s, v) => s + (v - mean) ** 2, 0) / x.size);
  }
  return variances;
}

/** ‖WᵀW − cI‖ / c (or WWᵀ for wide W), c the mean diagonal: 0 for a scaled orthogonal matrix. */
function orthogonality(w: Matrix): number {
  const wide = w.rows < w.cols;
  const size = wide ? w.rows : w.cols;
  const inner = wide ? w.cols : w.rows;
  const at = (i: number, p: number) => (wide ? w.get(i, p) : w.get(p, i));
  const gram: number[][] = [];
  for (let i = 0; i < size; i++) {
    gram.push([]);
    for (let j = 0; j < size; j++) {
      let sum = 0;
      for (let p = 0; p < inner; p++) sum += at(i, p) * at(j, p);
      gram[i].push(sum);
    }
  }
  const c = gram.reduce((s, row, i) => s + row[i], 0) / size;
  let off = 0;
  for (const [i, row] of gram.entries()) for (const [j, v] of row.entries()) off += (v - (i === j ? c : 0)) ** 2;
  return Math.sqrt(off) / c;
}

describe('lsuv', () => {
  const batch = randomMatrix(5, 128, 20);

  for (const activation of ['relu', 'tanh'] as const) {
    it(`gives every ${activation} layer output variance within tolerance of 1`, () => {
      const network = net(activation);
      const before = affineOutputVariances(network, batch);
      expect(before.every((v) => Math.abs(v - 1) > 0.1)).toBe(true);

      const result = lsuv(network, batch, { tolerance: 0.05, maxIterations: 10 });
      expect(result.iterations).toHaveLength(4);
      expect(result.iterations.every((n) => n >= 1 && n <= 10)).toBe(true);
      const after = affineOutputVariances(network, batch);
      after.forEach((variance, k) => {
        expect(Math.abs(variance - 1), `layer ${k + 1}`).toBeLessThan(0.05);
        expect(variance).toBeCloseTo(result.variances[k], 5);
      });
      for (const affine of network.affineLayers) expect(orthogonality(affine.weights)).toBeLessThan(1e-4);
    });
  }

  it('stops after maxIterations', () => {
    const network = net('relu');
    const result = lsuv(network, batch, { maxIterations: 0 });
    expect(result.iterations).toEqual([0, 0, 0, 0]);
    expect(result.variances.some((v) => Math.abs(v - 1) >= 0.1)).toBe(true);
    for (const [k, v] of affineOutputVariances(network, batch).entries()) expect(v).toBeCloseTo(result.variances[k], 5);
  });

  it('records the variances of the orthogonal network before any layer was rescaled', () => {
    // Without rescaling the network after LSUV is the orthogonal one, drawn from the same seed.
    const untouched = lsuv(net('relu'), batch, { maxIterations: 0 }).variances;
    const result = lsuv(net('relu'), batch);
    expect(result.variancesBefore).toHaveLength(4);
    for (const [k, variance] of result.variancesBefore.entries()) expect(variance).toBeCloseTo(untouched[k], 5);
    // ReLU halves the signal's second moment at every layer: the orthogonal net's variances fall with depth.
    expect(result.variancesBefore[3]).toBeLessThan(result.variancesBefore[0]);
  });

  it('refuses networks with batch normalization and bad settings', () => {
    expect(() => lsuv(net('relu', true), batch)).toThrow(LayerError);
    expect(() => lsuv(net('relu'), batch, { tolerance: 0 })).toThrow(/tolerance must be a number in \(0, ∞\), got 0/);
  });
});
