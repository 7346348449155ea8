import { createRng } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import { fixture, inputs } from './jacobian-fixture.js';
import { jacobianSingularValues, singularValues, spectrumMetrics, TrainerError } from '../src/index.js';

describe('jacobianSingularValues', () => {
  it("matches NumPy's singular values of the same nets (widths 20 and 100), input by input, to 1e-12 of the largest", () => {
    for (const test of fixture.cases) {
      const values = jacobianSingularValues({
        depth: test.depth,
        width: test.width,
        activation: test.activation,
        initializer: test.initializer,
        inputs,
        rng: createRng(test.seed),
      });
      expect(values).toHaveLength(inputs.rows * test.width);
      test.singularValues.forEach((expected, image) => {
        const actual = values.subarray(image * test.width, (image + 1) * test.width);
        const scale = expected[0];
        for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThan(1e-12 * scale);
      });
      // Location metrics to roundoff of the largest value (ReLU's dead directions are exact zeros, up to roundoff).
      const metrics = spectrumMetrics(values);
      const { svMax } = test.metrics;
      for (const field of ['svMedian', 'svP10', 'svP90', 'svMax'] as const) {
        expect(Math.abs(metrics[field] - test.metrics[field])).toBeLessThan(1e-9 * test.metrics[field] + 1e-12 * svMax);
      }
      expect(metrics.svLog10Std).toBeCloseTo(test.metrics.svLog10Std, 9);
      expect(metrics.svFractionTiny).toBe(test.metrics.svFractionTiny);
    }
  });

  it('keeps every singular value at 1 through orthogonal linear layers, at any depth', () => {
    for (const depth of [1, 5, 40]) {
      const values = jacobianSingularValues({
        depth,
        width: 20,
        activation: 'linear',
        initializer: 'orthogonal',
        inputs,
        rng: createRng(depth),
      });
      // Orthogonal float32 weights are orthogonal to ~1e-7; a product of 40 drifts by at most ~40 times that.
      for (const value of values) expect(Math.abs(value - 1)).toBeLessThan(1e-5);
    }
  });

  it('names a bad depth, width or activation', () => {
    const base = { depth: 2, activation: 'tanh' as const, initializer: 'xavier', inputs, rng: createRng(0) };
    expect(() => jacobianSingularValues({ ...base, depth: 0 })).toThrow(TrainerError);
    expect(() => jacobianSingularValues({ ...base, depth: 0 })).toThrow(/depth must be a positive integer, got 0/);
    expect(() => jacobianSingularValues({ ...base, width: 2.5 })).toThrow(/width must be a positive integer, got 2.5/);
    expect(() => jacobianSingularValues({ ...base, activation: 'softplus' as never })).toThrow(
      /unknown activation 'softplus' \(valid: tanh, relu, sigmoid, leakyRelu, linear\)/,
    );
  });
});

describe('singularValues', () => {
  it('are |eigenvalues| of a symmetric matrix, and scale out of a diagonal one, descending', () => {
    // [[2, 1], [1, 2]] has eigenvalues 3 and 1.
    expect(Array.from(singularValues(Float64Array.from([2, 1, 1, 2]), 2)).map((v) => +v.toFixed(12))).toEqual([3, 1]);
    expect(Array.from(singularValues(Float64Array.from([0.5, 0, 0, 0, -4, 0, 0, 0, 2]), 3))).toEqual([4, 2, 0.5]);
  });
});

describe('spectrumMetrics', () => {
  it('reads percentiles as NumPy does and counts decades above 1e-6·max, tiny ones below 1e-3·max', () => {
    // 1e-7 is below 1e-6·max = 1e-6, so only 10, 1, 0.1 and 0.001 enter the log10 spread: {1, 0, −1, −3}.
    const metrics = spectrumMetrics([10, 1, 0.1, 0.001, 1e-7]);
    expect(metrics.svMax).toBe(10);
    expect(metrics.svMedian).toBe(0.1);
    expect(metrics.svP10).toBeCloseTo(1e-7 + 0.4 * (0.001 - 1e-7), 15);
    expect(metrics.svP90).toBeCloseTo(1 + 0.6 * 9, 12);
    expect(metrics.svLog10Std).toBeCloseTo(Math.sqrt((1.75 ** 2 + 0.75 ** 2 + 0.25 ** 2 + 2.25 ** 2) / 4), 12);
    expect(metrics.svFractionTiny).toBe(2 / 5);
    expect(() => spectrumMetrics([])).toThrow(/no singular values/);
  });
});
