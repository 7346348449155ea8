import { readFileSync } from 'node:fs';
import { createRng } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import { band, histogram, layerStats, runHistogram, summarize, aggregate, type RunResult } from '../src/index.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/histogram-fixture.json', import.meta.url), 'utf8')) as {
  cases: {
    values: number[];
    bins: number;
    range: [number, number];
    counts: number[];
    edges: number[];
    below: number;
    above: number;
  }[];
};

describe('histogram', () => {
  it('bins exactly as numpy.histogram with a range', () => {
    for (const { values, bins, range, counts, edges, below, above } of fixture.cases) {
      const result = histogram(Float32Array.from(values), bins, range[0], range[1]);
      expect(result.counts).toEqual(counts);
      expect(result.edges).toEqual(edges);
      expect(result.below).toBe(below);
      expect(result.above).toBe(above);
    }
  });

  it('leaves NaN out of every count', () => {
    expect(histogram([NaN, 0.25], 2, 0, 1)).toMatchObject({ counts: [1, 0], below: 0, above: 0 });
  });
});

describe('layerStats', () => {
  it('computes mean, population std and the saturated fraction', () => {
    const values = Float32Array.from([0.005, 0.5, 0.995, 0.25]);
    const stats = layerStats(values, { index: 1, activation: 'sigmoid', bins: 4, range: [0, 1] });
    const mean = (0.005 + 0.5 + 0.995 + 0.25) / 4;
    const variance = [0.005, 0.5, 0.995, 0.25].reduce((sum, v) => sum + (Math.fround(v) - mean) ** 2, 0) / 4;
    expect(stats.mean).toBeCloseTo(mean, 7);
    expect(stats.std).toBeCloseTo(Math.sqrt(variance), 7);
    expect(stats.saturated).toBe(0.5);
    expect(stats.name).toBe('layer 2 (sigmoid)');
    expect(
      layerStats(Float32Array.from([0, 0, 1, 2]), { index: 0, activation: 'relu', bins: 2, range: [0, 1] }).saturated,
    ).toBe(0.5);
    expect(
      layerStats(Float32Array.from([-0.995, 0.2]), { index: 0, activation: 'tanh', bins: 2, range: [-1, 1] }).saturated,
    ).toBe(0.5);
  });
});

describe('runHistogram (book-histogram)', () => {
  it("matches a float64 recomputation of the book's first layer", () => {
    const result = runHistogram(
      { hiddenSizes: [100, 100], activation: 'sigmoid', initializer: { name: 'normal', std: 1 }, seed: 5 },
      { label: 'sigmoid + std=1', experiment: 'book-histogram' },
    );
    // The book: x = randn(1000, 100), then w = randn(100, 100) * 1, z = x·w, a = sigmoid(z).
    const rng = createRng(5);
    const x = Float32Array.from(rng.randn(1000 * 100));
    const w = rng.fillNormal(new Float32Array(100 * 100), 1);
    const activations = new Float64Array(1000 * 100);
    for (let i = 0; i < 1000; i++) {
      for (let j = 0; j < 100; j++) {
        let z = 0;
        for (let k = 0; k < 100; k++) z += x[i * 100 + k] * w[k * 100 + j];
        activations[i * 100 + j] = 1 / (1 + Math.exp(-z));
      }
    }
    const reference = layerStats(activations, { index: 0, activation: 'sigmoid', bins: 30, range: [0, 1] });
    const [first] = result.layers;
    expect(first.mean).toBeCloseTo(reference.mean, 5);
    expect(first.std).toBeCloseTo(reference.std, 5);
    expect(first.saturated).toBeCloseTo(reference.saturated, 3);
    const total = first.histogram.counts.reduce((a, b) => a + b, 0);
    expect(total).toBe(100_000);
    // σ = 1 with sigmoid saturates: most activations sit near 0 and 1, as in the book's figure.
    expect(first.histogram.counts[0] + first.histogram.counts[29]).toBeGreaterThan(total / 3);
    expect(result).toMatchObject({ status: 'done', iterations: 0, loss: [], evals: [], snapshots: [{ iteration: 0 }] });
    expect(result.layers).toHaveLength(2);
  });
});

describe('aggregation', () => {
  it('summarizes with the population standard deviation', () => {
    expect(summarize([1, 2, 3, 4])).toEqual({ mean: 2.5, std: Math.sqrt(1.25), min: 1, max: 4 });
  });

  it('bands curves of different lengths point by point', () => {
    const result = band([
      { x: [0, 1, 2], y: [1, 2, 3] },
      { x: [0, 1], y: [3, 6] },
    ]);
    expect(result).toEqual({
      x: [0, 1, 2],
      mean: [2, 4, 3],
      std: [1, 2, 0],
      min: [1, 2, 3],
      max: [3, 6, 3],
      count: [2, 2, 1],
    });
  });

  it('groups runs by experiment and label and summarizes final test accuracy', () => {
    const run = (label: string, seed: number, loss: number[], finalTest: number): RunResult => ({
      experiment: 'e',
      label,
      seed,
      initializer: { name: 'he', params: {}, label: 'he' },
      activation: 'relu',
      status: 'done',
      iterations: loss.length,
      loss,
      evals: [
        { iteration: 0, trainAccuracy: 0.1, testAccuracy: 0.1 },
        { iteration: loss.length, trainAccuracy: finalTest, testAccuracy: finalTest },
      ],
      layers: [],
      snapshots: [],
      wallTimeMs: 1,
      backend: 'cpu',
    });
    const [a, b] = aggregate([run('a', 0, [2, 1], 0.8), run('b', 0, [5], 0.5), run('a', 1, [4, 3], 0.9)]);
    expect(a.label).toBe('a');
    expect(a.seeds).toEqual([0, 1]);
    expect(a.loss.mean).toEqual([3, 2]);
    expect(a.testAccuracy.x).toEqual([0, 2]);
    expect(a.finalTestAccuracy.mean).toBeCloseTo(0.85, 12);
    expect(a.finalTestAccuracy.std).toBeCloseTo(0.05, 12);
    expect(b.finalTestAccuracy).toEqual({ mean: 0.5, std: 0, min: 0.5, max: 0.5 });
  });
});
