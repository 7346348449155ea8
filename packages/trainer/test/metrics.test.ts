import { describe, expect, it } from 'vitest';
import { learningTime, metricsFor, runExperiment, withMetrics, type RunMetric, type RunResult } from '../src/index.js';
import { SMALL_EXPERIMENT } from './helpers.js';

describe('run metrics', () => {
  it('learningTime: the first t ≥ window − 1 whose trailing window of losses averages below the threshold', () => {
    // Brute force over every t on a noisy falling curve, against the definition.
    const loss = Array.from({ length: 400 }, (_, t) => 2.3 * Math.exp(-t / 80) + 0.3 * Math.sin(t * 1.7));
    const bruteForce = (window: number, threshold: number) => {
      for (let t = window - 1; t < loss.length; t++) {
        const part = loss.slice(t - window + 1, t + 1);
        if (part.reduce((a, b) => a + b, 0) / window < threshold) return t;
      }
      return null;
    };
    for (const [window, threshold] of [
      [50, 0.5],
      [1, 1],
      [10, 1.5],
      [50, 0.01],
    ] as const) {
      expect(learningTime(loss, window, threshold)).toBe(bruteForce(window, threshold));
    }
    expect(learningTime(loss, 50, 0.5)).toBeGreaterThan(100);
    expect(learningTime(loss, 50, 0.01)).toBeNull();
    // Never before a whole window: a run that starts below the threshold learns at t = window − 1.
    expect(learningTime([0.1, 0.1, 0.1], 3, 0.5)).toBe(2);
    expect(learningTime([0.1, 0.1], 3, 0.5)).toBeNull();
    expect(() => learningTime(loss, 0, 0.5)).toThrow(/window must be a positive integer, got 0/);
  });

  it('are computed per run by its experiment; runs of experiments without any carry none', async () => {
    const results = await runExperiment(
      { ...SMALL_EXPERIMENT, seeds: [0], base: { ...SMALL_EXPERIMENT.base, iterations: 60 } },
      { inProcess: true },
    );
    for (const run of results.runs) expect(run).not.toHaveProperty('metrics');
    expect(metricsFor('seed-scale')).toEqual({});
    const withTime = withMetrics(
      results.runs,
      (experiment): Record<string, RunMetric> =>
        experiment === 'small'
          ? { learningTime: (run: RunResult) => learningTime(run.loss, 10, 0.5), never: () => Number.NaN }
          : {},
    );
    for (const [i, run] of withTime.entries()) {
      expect(run.metrics).toEqual({ learningTime: learningTime(results.runs[i].loss, 10, 0.5), never: null });
      expect(results.runs[i]).not.toHaveProperty('metrics');
    }
    expect(withTime.some((run) => typeof run.metrics?.learningTime === 'number')).toBe(true);
  });
});
