import { describe, expect, it } from 'vitest';
import { train, trainSync, type Progress } from '../src/index.js';
import { SMALL_RUN, blobs } from './helpers.js';

const dataset = blobs();

describe('train', () => {
  it('learns separable synthetic data', async () => {
    const result = await train(SMALL_RUN, { dataset });
    expect(result.status).toBe('done');
    expect(result.iterations).toBe(200);
    expect(result.loss).toHaveLength(200);
    const first = result.evals[0];
    const last = result.evals[result.evals.length - 1];
    expect(first.iteration).toBe(0);
    expect(last.iteration).toBe(200);
    // Chance is 1/3; the clusters are 20 units apart with unit spread.
    expect(last.testAccuracy).toBeGreaterThan(0.95);
    const meanLoss = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(meanLoss(result.loss.slice(-20))).toBeLessThan(meanLoss(result.loss.slice(0, 20)) / 4);
  });

  it('evaluates at 0, every epoch and at the end, without a duplicate at an epoch boundary', () => {
    // 1200 training samples / batch 32 → an epoch is ⌈37.5⌉ = 38 iterations.
    const uneven = trainSync({ ...SMALL_RUN, iterations: 100 }, { dataset });
    expect(uneven.evals.map((point) => point.iteration)).toEqual([0, 38, 76, 100]);
    const even = trainSync({ ...SMALL_RUN, iterations: 76 }, { dataset });
    expect(even.evals.map((point) => point.iteration)).toEqual([0, 38, 76]);
    expect(even.snapshots.map((snapshot) => snapshot.iteration)).toEqual([0, 38, 76]);
    const custom = trainSync(
      { ...SMALL_RUN, iterations: 50, evaluation: { every: 20, trainSamples: 'all' } },
      { dataset },
    );
    expect(custom.evals.map((point) => point.iteration)).toEqual([0, 20, 40, 50]);
  });

  it('draws nothing while evaluating: the loss curve does not depend on the evaluation schedule', () => {
    const often = trainSync({ ...SMALL_RUN, evaluation: { every: 5 } }, { dataset });
    const rarely = trainSync({ ...SMALL_RUN, evaluation: { every: 1000 } }, { dataset });
    expect(often.loss).toEqual(rarely.loss);
  });

  it('records layer statistics and gradient norms of the latest step', () => {
    const result = trainSync({ ...SMALL_RUN, hiddenSizes: [16, 8] }, { dataset });
    expect(result.layers).toHaveLength(2);
    const [first] = result.snapshots;
    expect(first.layers[0].gradientNorm).toBeUndefined();
    for (const layer of result.layers) {
      expect(layer.name).toBe(`layer ${layer.index + 1} (relu)`);
      expect(layer.histogram.counts).toHaveLength(30);
      expect(layer.histogram.edges).toHaveLength(31);
      // relu activations of 300 test samples: every value is binned, below 0 never happens.
      expect(layer.histogram.counts.reduce((a, b) => a + b, 0) + layer.histogram.above!).toBe(
        300 * (layer.index === 0 ? 16 : 8),
      );
      expect(layer.histogram.below).toBe(0);
      expect(layer.gradientNorm).toBeGreaterThan(0);
      expect(layer.saturated).toBeGreaterThanOrEqual(0);
      expect(layer.saturated).toBeLessThanOrEqual(1);
    }
    expect(result.backend).toBe('cpu');
    expect(result.config?.seed).toBe(3);
  });

  it('stops a run whose loss becomes non-finite and reports where', () => {
    const result = trainSync({ ...SMALL_RUN, optimizer: { name: 'sgd', lr: 1e6 }, iterations: 500 }, { dataset });
    expect(result.status).toBe('diverged');
    expect(result.divergedAt).toBeDefined();
    expect(result.divergedAt).toBe(result.loss.length);
    expect(result.iterations).toBe(result.divergedAt);
    expect(result.divergedAt!).toBeLessThan(500);
    expect(result.loss.every(Number.isFinite)).toBe(true);
  });

  it('stops on abort with what it has, as interrupted', async () => {
    const controller = new AbortController();
    const progress: Progress[] = [];
    const result = await train(
      { ...SMALL_RUN, iterations: 1_000_000 },
      {
        dataset,
        signal: controller.signal,
        runInfo: { label: 'long', experiment: 'abort-test', runIndex: 4 },
        onProgress: (report) => {
          progress.push(report);
          if (report.iteration >= 500) controller.abort();
        },
      },
    );
    expect(result.status).toBe('interrupted');
    expect(result.iterations).toBeGreaterThanOrEqual(500);
    expect(result.iterations).toBeLessThan(1_000_000);
    expect(result.loss).toHaveLength(result.iterations);
    expect(result.label).toBe('long');
    expect(progress[0]).toMatchObject({
      runIndex: 4,
      label: 'long',
      experiment: 'abort-test',
      seed: 3,
      iterations: 1_000_000,
    });
  });
});
