import { fromTransferable, loadMnist, type Dataset } from '@initlab/datasets';
import { describe, expect, it } from 'vitest';
import { ConfigError, activationRange, reluRange, trainSync, validateRunConfig, type RunConfig } from '../src/index.js';
import { kthSmallest } from '../src/run/stats.js';
import { datasetTransfer } from '../src/parallel/transfer.js';
import { SMALL_RUN, blobs } from './helpers.js';

describe('evaluation.testSamples', () => {
  const data = blobs();
  // Test split = train split: test accuracy on the first N must equal train accuracy on the first N.
  const mirrored: Dataset = { ...data, test: data.train };

  it('measures test accuracy on the first testSamples test samples', () => {
    const run = (evaluation: RunConfig['evaluation']) =>
      trainSync({ ...SMALL_RUN, iterations: 60, evaluation }, { dataset: mirrored });
    const fifty = run({ every: 20, trainSamples: 50, testSamples: 50 });
    for (const point of fifty.evals) {
      expect(point.testAccuracy).toBe(point.trainAccuracy);
      expect(Math.abs(point.testAccuracy * 50 - Math.round(point.testAccuracy * 50))).toBeLessThan(1e-9);
    }
    const all = run({ every: 20, trainSamples: 'all' });
    for (const point of all.evals) expect(point.testAccuracy).toBe(point.trainAccuracy);
    // The first 50 samples are not all of them: at least one point must tell them apart.
    expect(fifty.evals.map((p) => p.testAccuracy)).not.toEqual(all.evals.map((p) => p.testAccuracy));
  });

  it("defaults to 'all', recorded in the run's config, and is validated", () => {
    const result = trainSync({ ...SMALL_RUN, iterations: 5 }, { dataset: data });
    expect(result.config?.evaluation).toMatchObject({ testSamples: 'all' });
    for (const bad of [0, -3, 2.5, 'some']) {
      expect(() => validateRunConfig({ ...SMALL_RUN, evaluation: { testSamples: bad } })).toThrow(ConfigError);
    }
    expect(() => validateRunConfig({ ...SMALL_RUN, evaluation: { testSamples: 0 } })).toThrow(
      /evaluation\.testSamples: expected a positive integer or 'all', got 0/,
    );
  });
});

describe('histogram ranges during training', () => {
  it('kthSmallest: the value a sort puts at index k, for every k, with ties, negatives and sorted or reversed input', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const inputs: number[][] = [
      [5],
      [2, 1],
      Array.from({ length: 101 }, () => Math.floor(next() * 10) - 5),
      Array.from({ length: 257 }, () => next() * 100 - 50),
      Array.from({ length: 200 }, (_, i) => i),
      Array.from({ length: 200 }, (_, i) => 200 - i),
      Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? 0 : i)),
    ];
    for (const input of inputs) {
      const sorted = Float64Array.from(input).sort();
      for (let k = 0; k < input.length; k++) expect(kthSmallest(Float64Array.from(input), k)).toBe(sorted[k]);
    }
  });

  it('reluRange: [0, 1] for values up to 1, else the 99.9th percentile rounded up to half its decade', () => {
    expect(reluRange(Float32Array.from({ length: 1000 }, (_, i) => i / 1000))).toEqual([0, 1]);
    // Sorted values 3i/1000: the 99.9th percentile is the largest, 2.997 → 3.
    expect(reluRange(Float32Array.from({ length: 1000 }, (_, i) => (3 * i) / 1000))).toEqual([0, 3]);
    expect(reluRange([0, 1.3, ...Array(998).fill(0)].concat([1.3]))).toEqual([0, 1.5]);
    expect(reluRange(Float32Array.from({ length: 2000 }, (_, i) => (i < 1999 ? 13 : 1e6)))).toEqual([0, 15]);
    expect(reluRange([])).toEqual([0, 1]);
  });

  it('keeps sigmoid [0, 1] and tanh [-1, 1]', () => {
    expect(activationRange('sigmoid')).toEqual([0, 1]);
    expect(activationRange('tanh')).toEqual([-1, 1]);
    expect(activationRange('relu')).toBe(reluRange);
    expect(activationRange('leakyRelu')).toBe(reluRange);
  });

  it('bins all but at most 0.1% of ReLU outputs of a deep net, where [0, 1] would miss many', () => {
    const result = trainSync(
      { ...SMALL_RUN, hiddenSizes: [32, 32, 32, 32], iterations: 80, evaluation: { every: 40 } },
      { dataset: blobs() },
    );
    let beyondOne = 0;
    let values = 0;
    for (const snapshot of result.snapshots) {
      for (const layer of snapshot.layers) {
        const { edges, counts, below = 0, above = 0 } = layer.histogram;
        const total = counts.reduce((a, b) => a + b, 0) + below + above;
        expect(edges[0]).toBe(0);
        expect(below).toBe(0);
        expect(above / total, `${layer.name} at ${snapshot.iteration}`).toBeLessThanOrEqual(0.001);
        // Counts past 1 are the ones the former fixed [0, 1] range left out.
        for (const [bin, count] of counts.entries()) if (edges[bin] >= 1) beyondOne += count;
        values += total;
      }
    }
    expect(beyondOne / values).toBeGreaterThan(0.2);
  });
});

describe('datasets copied into workers', () => {
  it('read byte images as the shared dataset does (byte / 255)', async () => {
    const mnist = await loadMnist();
    const copy = fromTransferable(structuredClone(datasetTransfer(mnist, false)));
    const indices = Int32Array.from([0, 7, 59_999, 12_345]);
    const [expected, actual] = [new Float32Array(4 * 784), new Float32Array(4 * 784)];
    const [expectedLabels, actualLabels] = [new Int32Array(4), new Int32Array(4)];
    mnist.train.batch(indices, expected, expectedLabels);
    copy.train.batch(indices, actual, actualLabels);
    expect(actual).toEqual(expected);
    expect(actualLabels).toEqual(expectedLabels);
    mnist.test.range(9_996, 4, expected);
    copy.test.range(9_996, 4, actual);
    expect(actual).toEqual(expected);
    expect(() => copy.test.range(9_997, 4, actual)).toThrow(/rows \[9997, 10001\) are not within the 10000 samples/);
    expect(() => copy.test.range(0, 5, actual)).toThrow(/holds 3136 values but 3920 are needed/);
  });
});
