import { describe, expect, it } from 'vitest';
import { fixture, inputs } from './jacobian-fixture.js';
import { jacobianCell, LOG10_SV_EDGES, log10Histogram, TrainerError } from '../src/index.js';

describe('jacobianCell', () => {
  it("gives NumPy's metrics for the same nets, and a histogram of every pooled singular value", () => {
    for (const test of fixture.cases) {
      const { metrics, histogram } = jacobianCell({
        hiddenSizes: new Array(test.depth + 1).fill(test.width),
        activation: test.activation,
        initializer: test.initializer,
        seed: test.seed,
        inputs,
      });
      const { svMax } = test.metrics;
      for (const field of ['svMedian', 'svP10', 'svP90', 'svMax'] as const) {
        expect(Math.abs(metrics[field] - test.metrics[field])).toBeLessThan(1e-9 * test.metrics[field] + 1e-12 * svMax);
      }
      expect(metrics.svLog10Std).toBeCloseTo(test.metrics.svLog10Std, 9);
      expect(metrics.svFractionTiny).toBe(test.metrics.svFractionTiny);
      // NumPy's values, binned by position: bin k holds log10 σ in [−16 + k/4, −16 + (k+1)/4). Values within
      // roundoff of 0 (about 1e-16·max) differ between the two SVDs, so bins are compared from 1e-10·max up.
      const expected = new Array(72).fill(0);
      for (const value of test.singularValues.flat()) {
        const bin = Math.floor((Math.log10(value) + 16) * 4);
        if (bin >= 0) expected[bin]++;
      }
      const firstCompared = LOG10_SV_EDGES.findIndex((edge) => edge >= Math.log10(svMax) - 10);
      expect(histogram.edges).toEqual(LOG10_SV_EDGES);
      expect(histogram.counts.slice(firstCompared)).toEqual(expected.slice(firstCompared));
      const total = histogram.counts.reduce((a, b) => a + b, 0) + (histogram.below ?? 0);
      expect(total).toBe(inputs.rows * test.width);
      expect(histogram.above).toBe(0);
    }
  });

  it('puts every singular value of orthogonal linear layers at 1, in the bins around log10 σ = 0', () => {
    const { metrics, histogram } = jacobianCell({
      hiddenSizes: new Array(31).fill(20),
      activation: 'linear',
      initializer: 'orthogonal',
      seed: 7,
      inputs,
    });
    for (const field of ['svMedian', 'svP10', 'svP90', 'svMax'] as const) expect(metrics[field]).toBeCloseTo(1, 5);
    expect(metrics.svLog10Std).toBeLessThan(1e-5);
    expect(metrics.svFractionTiny).toBe(0);
    // σ = 1 ± 1e-5 sits at the edge between bins 63, [−0.25, 0), and 64, [0, 0.25).
    expect(histogram.counts[63] + histogram.counts[64]).toBe(inputs.rows * 20);
  });

  it('has fixed edges 10⁻¹⁶ … 10² in quarter decades, and counts σ = 0 and values past the ends outside the bins', () => {
    expect(LOG10_SV_EDGES).toHaveLength(73);
    expect(LOG10_SV_EDGES[0]).toBe(-16);
    expect(LOG10_SV_EDGES[72]).toBe(2);
    const histogram = log10Histogram([0, 1e-17, 1e-16, 0.99, 1, 100, 1000]);
    expect(histogram.below).toBe(2);
    expect(histogram.above).toBe(1);
    expect(histogram.counts[0]).toBe(1);
    expect(histogram.counts[63]).toBe(1);
    expect(histogram.counts[64]).toBe(1);
    // The last bin is closed on the right, as numpy.histogram's.
    expect(histogram.counts[71]).toBe(1);
    expect(histogram.counts.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('names hidden sizes that are not L + 1 equal widths', () => {
    const base = { activation: 'tanh' as const, initializer: 'xavier', seed: 0, inputs };
    expect(() => jacobianCell({ ...base, hiddenSizes: [20] })).toThrow(TrainerError);
    expect(() => jacobianCell({ ...base, hiddenSizes: [20, 20, 10] })).toThrow(/equal widths.*\[20, 20, 10\]/);
  });
});
