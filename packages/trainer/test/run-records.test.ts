import type { Dataset, Split } from '@initlab/datasets';
import { MultiLayerNet, lsuv as applyLsuv } from '@initlab/layers';
import { createRng, Matrix } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import { ConfigError, trainSync, validateRunConfig, type RunConfig } from '../src/index.js';
import { activationRange, gradientRange, linearRange } from '../src/run/stats.js';
import { SMALL_RUN, blobs } from './helpers.js';

const dataset = blobs();
const DEEP: RunConfig = { ...SMALL_RUN, hiddenSizes: [16, 8], iterations: 60 };

/** The first `count` samples of `split` as a split of their own. */
function firstSamples(split: Split, count: number): Split {
  const { inputSize, numClasses } = split;
  return {
    count,
    inputSize,
    numClasses,
    images: split.images.subarray(0, count * inputSize),
    labels: split.labels.subarray(0, count),
    batch: (indices, outX, outT) => split.batch(indices, outX, outT),
    batchOneHot: (indices, outX, outT) => split.batchOneHot(indices, outX, outT),
    range: (start, rows, outX, outT) => {
      if (start + rows > count) throw new Error(`rows ${start}…${start + rows} beyond the first ${count}`);
      split.range(start, rows, outX, outT);
    },
  };
}

describe('back-propagated gradient statistics', () => {
  it('every snapshot carries dL/ds of each hidden layer over the statistics samples, histogram symmetric around 0', () => {
    const result = trainSync(DEEP, { dataset });
    expect(result.snapshots.length).toBeGreaterThan(2);
    for (const snapshot of result.snapshots) {
      for (const layer of snapshot.layers) {
        const gradient = layer.gradient!;
        const { edges, counts, below, above } = gradient.histogram;
        expect(counts).toHaveLength(30);
        expect(edges[0]).toBe(-edges[30]);
        // 300 test samples × the layer's width, at most 0.1% of them outside the range.
        const values = 300 * (layer.index === 0 ? 16 : 8);
        expect(counts.reduce((a, b) => a + b, 0) + below! + above!).toBe(values);
        expect(below! + above!).toBeLessThanOrEqual(Math.ceil(0.001 * values));
        expect(gradient.std).toBeGreaterThan(0);
      }
    }
    expect(result.layers).toEqual(result.snapshots[result.snapshots.length - 1].layers);
  });

  it('at iteration 0: those of the net as initialized, on the first test samples and their labels', () => {
    const [first] = trainSync(DEEP, { dataset }).snapshots;
    const net = new MultiLayerNet({
      inputSize: 2,
      hiddenSizes: [16, 8],
      outputSize: 3,
      activation: 'relu',
      initializer: 'he',
      rng: createRng(3),
    });
    const x = Matrix.zeros(300, 2);
    const labels = new Int32Array(300);
    dataset.test.range(0, 300, x.data, labels);
    for (const [k, gradient] of net.preActivationGradients(x, labels).entries()) {
      const values = Array.from(gradient.data);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
      expect(first.layers[k].gradient?.mean).toBeCloseTo(mean, 12);
      expect(first.layers[k].gradient?.std).toBeCloseTo(std, 12);
      expect(first.layers[k].gradient?.histogram.edges[30]).toBe(gradientRange(gradient.data)[1]);
    }
  });

  it("come from the first training samples with evaluation.statsSplit 'train'", () => {
    // A dataset whose test split is its train split: the same statistics either way, unlike the real test split.
    const mirrored: Dataset = { ...dataset, test: dataset.train };
    const config: RunConfig = { ...DEEP, iterations: 20, evaluation: { statsSamples: 200 } };
    const fromTrain = trainSync({ ...config, evaluation: { statsSamples: 200, statsSplit: 'train' } }, { dataset });
    const mirror = trainSync(config, { dataset: mirrored });
    const fromTest = trainSync(config, { dataset });
    expect(fromTrain.snapshots).toEqual(mirror.snapshots);
    expect(fromTrain.snapshots).not.toEqual(fromTest.snapshots);
    expect(fromTrain.loss).toEqual(fromTest.loss);
    expect(fromTrain.config?.evaluation?.statsSplit).toBe('train');
    expect(fromTest.config?.evaluation).not.toHaveProperty('statsSplit');
    expect(() => validateRunConfig({ ...SMALL_RUN, evaluation: { statsSplit: 'validation' } } as never)).toThrow(
      /evaluation\.statsSplit: expected 'train' or 'test', got 'validation'/,
    );
  });

  it('gradientRange: ±(99.9th percentile of |g| rounded up to half its decade), [-1, 1] for all zeros', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i % 2 ? -1 : 1) * (i + 1) * 1.2e-6);
    // |g| sorted: 1.2e-6 … 1.2e-3; index ⌊0.999·1000⌋ = 999 → 1.2e-3, rounded up to a multiple of 5e-4.
    expect(gradientRange(values)).toEqual([-1.5e-3, 1.5e-3]);
    expect(gradientRange(values.map((v) => v * 10))).toEqual([-1.5e-2, 1.5e-2]);
    // One outlier in 1001 values is left out of the range: index ⌊0.999·1001⌋ = 999 is the largest of the rest.
    expect(gradientRange([...values.map((v) => v * 0.5), -7])).toEqual([-6e-4, 6e-4]);
    expect(gradientRange(new Float32Array(10))).toEqual([-1, 1]);
    // A linear layer's outputs: the same rule, at least [-1, 1].
    expect(activationRange('linear')).toBe(linearRange);
    expect(linearRange(values)).toEqual([-1, 1]);
    expect(linearRange(values.map((v) => v * 1000))).toEqual([-1.5, 1.5]);
  });

  it('leave training bit for bit as it was, batch norm, dropout, momentum and LSUV included', () => {
    for (const extras of [{}, { batchNorm: true, dropout: 0.2, optimizer: { name: 'momentum', lr: 0.05 } }]) {
      const config = { ...DEEP, ...extras };
      const often = trainSync({ ...config, evaluation: { every: 1 } }, { dataset });
      const rarely = trainSync({ ...config, evaluation: { every: 1000 } }, { dataset });
      expect(often.snapshots).toHaveLength(61);
      expect(often.loss).toEqual(rarely.loss);
      expect(often.evals.at(-1)).toEqual(rarely.evals.at(-1));
      expect(often.layers).toEqual(rarely.layers);
    }
    const lsuvOften = trainSync({ ...DEEP, lsuv: true, evaluation: { every: 1 } }, { dataset });
    const lsuvRarely = trainSync({ ...DEEP, lsuv: true, evaluation: { every: 1000 } }, { dataset });
    expect(lsuvOften.loss).toEqual(lsuvRarely.loss);
  });
});

describe('trainSubset', () => {
  it('trains exactly as on a dataset of the first N training samples, train accuracy measured on them', () => {
    const subset: Dataset = { ...dataset, train: firstSamples(dataset.train, 100) };
    const config: RunConfig = { ...DEEP, evaluation: { trainSamples: 'all' } };
    const onSubset = trainSync({ ...config, trainSubset: 100 }, { dataset });
    const reference = trainSync(config, { dataset: subset });
    expect(onSubset.loss).toEqual(reference.loss);
    expect(onSubset.evals).toEqual(reference.evals);
    // An epoch is ⌈100 / 32⌉ = 4 iterations.
    expect(onSubset.evals.slice(0, 3).map((point) => point.iteration)).toEqual([0, 4, 8]);
    expect(onSubset.config?.trainSubset).toBe(100);
    const whole = trainSync(config, { dataset });
    expect(whole.loss).not.toEqual(onSubset.loss);
    expect(whole.config).not.toHaveProperty('trainSubset');
  });

  it('is validated: a positive integer, at most the training set', () => {
    for (const bad of [0, -1, 2.5, '100']) {
      expect(() => validateRunConfig({ ...SMALL_RUN, trainSubset: bad } as never)).toThrow(ConfigError);
    }
    expect(() => validateRunConfig({ ...SMALL_RUN, trainSubset: 0 })).toThrow(
      /trainSubset: expected a positive integer \(the first this-many training samples\), got 0/,
    );
    expect(() => trainSync({ ...SMALL_RUN, trainSubset: 1201 }, { dataset })).toThrow(
      /trainSubset: expected at most the training set's 1200 samples, got 1201/,
    );
    expect(trainSync({ ...SMALL_RUN, iterations: 2, trainSubset: 1200 }, { dataset }).status).toBe('done');
  });
});

describe("LSUV's record", () => {
  it('per affine layer: variance after LSUV within the tolerance of 1, and the rescalings it took', () => {
    const config: RunConfig = { ...SMALL_RUN, hiddenSizes: [32, 32, 32], initializer: 'xavier', iterations: 0 };
    const result = trainSync({ ...config, lsuv: { samples: 200, tolerance: 0.05 } }, { dataset });
    const record = result.lsuv!;
    expect(record).toMatchObject({ samples: 200, tolerance: 0.05, maxIterations: 10 });
    expect(record.layers).toHaveLength(4);
    for (const { variance, rescalings } of record.layers) {
      expect(Math.abs(variance - 1)).toBeLessThan(0.05);
      expect(Number.isInteger(rescalings) && rescalings >= 1 && rescalings <= 10).toBe(true);
    }
    expect(trainSync({ ...config, lsuv: true }, { dataset }).lsuv).toMatchObject({
      samples: 32,
      tolerance: 0.1,
      maxIterations: 10,
    });
    expect(trainSync(config, { dataset })).not.toHaveProperty('lsuv');
  });

  it("matches the variance of each layer's output on the LSUV batch, recomputed in float64", () => {
    const config: RunConfig = { ...SMALL_RUN, hiddenSizes: [32, 32], activation: 'tanh', iterations: 0 };
    const result = trainSync({ ...config, lsuv: true }, { dataset });
    // Rebuild the weights: the initializer's draws, then LSUV's orthogonal draws and rescalings, from the record.
    const net = new MultiLayerNet({
      inputSize: 2,
      hiddenSizes: [32, 32],
      outputSize: 3,
      activation: 'tanh',
      initializer: 'he',
      rng: createRng(3),
    });
    const batch = Matrix.zeros(32, 2);
    dataset.train.range(0, 32, batch.data);
    let x = Array.from({ length: 32 }, (_, i) => Array.from(batch.data.subarray(2 * i, 2 * i + 2), Number));
    const { lsuv } = result;
    const done = applyLsuv(net, batch);
    expect(lsuv!.layers.map((layer) => layer.varianceBefore)).toEqual(done.variancesBefore);
    for (const [k, affine] of net.affineLayers.entries()) {
      const w = affine.weights;
      const s = x.map((row) =>
        Array.from({ length: affine.fanOut }, (_, j) => row.reduce((sum, v, i) => sum + v * w.get(i, j), 0)),
      );
      const flat = s.flat();
      const mean = flat.reduce((a, b) => a + b, 0) / flat.length;
      const variance = flat.reduce((a, b) => a + (b - mean) ** 2, 0) / flat.length;
      expect(lsuv!.layers[k].variance).toBeCloseTo(variance, 4);
      x = s.map((row) => row.map(Math.tanh));
    }
  });
});

describe('the linear activation', () => {
  it('trains from a config', () => {
    const result = trainSync(
      { ...DEEP, activation: 'linear', initializer: 'xavier', optimizer: { name: 'sgd', lr: 0.01 } },
      { dataset },
    );
    expect(result.status).toBe('done');
    expect(result.layers[0].name).toBe('layer 1 (linear)');
    // Signed, unbounded outputs: binned over a symmetric range that leaves at most 0.1% out.
    const { edges, below, above } = result.layers[0].histogram;
    expect(edges[0]).toBe(-edges[30]);
    expect(below! + above!).toBeLessThanOrEqual(Math.ceil(0.001 * 300 * 16));
    expect(() => validateRunConfig({ ...SMALL_RUN, activation: 'linea' })).toThrow(/did you mean 'linear'/);
  });
});
