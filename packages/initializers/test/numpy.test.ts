import { readFileSync } from 'node:fs';
import { createRng } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import { denseContext, getInitializer, truncatedNormalStdFactor } from '../src/index.js';

interface Summary {
  first: number[];
  last: number[];
  sum: number;
}
interface Fixtures {
  shape: [number, number];
  exact: (Summary & { seed: number; spec: { name: string } & Record<string, number | string> })[];
  orthogonal: { seed: number; shape: [number, number]; first: number[] }[];
  truncation: { cutoff: number; stdFactor: number }[];
}

const fixtures: Fixtures = JSON.parse(readFileSync(new URL('./fixtures/numpy.json', import.meta.url), 'utf8'));
const [FAN_IN, FAN_OUT] = fixtures.shape;

describe("bit-exact with NumPy's RandomState (test/fixtures/make-fixtures.py)", () => {
  it.each(fixtures.exact.map((entry) => ({ ...entry, title: JSON.stringify(entry.spec) })))(
    '$title, seed $seed',
    ({ spec, seed, first, last, sum }) => {
      const weights = getInitializer(spec).init(denseContext(FAN_IN, FAN_OUT, createRng(seed)));
      expect(Array.from(weights.subarray(0, first.length))).toEqual(first);
      expect(Array.from(weights.subarray(weights.length - last.length))).toEqual(last);
      // Float32 weights of this size add up in float64 without rounding, so NumPy's pairwise order does not matter.
      let total = 0;
      for (const value of weights) total += value;
      expect(total).toBe(sum);
    },
  );
});

describe('orthogonal equals NumPy QR with sign correction', () => {
  it.each(fixtures.orthogonal)('seed $seed, shape $shape', ({ seed, shape, first }) => {
    const weights = getInitializer('orthogonal').init(denseContext(shape[0], shape[1], createRng(seed)));
    for (let i = 0; i < first.length; i++) {
      // float32 rounding (half an ulp, 2^-24 relative) plus a little float64 QR round-off.
      expect(Math.abs(weights[i] - first[i])).toBeLessThanOrEqual(Math.abs(first[i]) * 2 ** -24 + 1e-12);
    }
  });
});

describe('truncated-normal std factor', () => {
  it.each(fixtures.truncation)('cutoff $cutoff matches Python math.erf', ({ cutoff, stdFactor }) => {
    expect(Math.abs(truncatedNormalStdFactor(cutoff) - stdFactor)).toBeLessThanOrEqual(4e-16);
  });

  it('is 0.87962566103423978 at ±2σ (the constant TensorFlow divides by)', () => {
    expect(truncatedNormalStdFactor(2)).toBe(0.87962566103423978);
  });

  it('approaches c/√3, the std of a uniform on [−c, c], as the cutoff shrinks', () => {
    for (const cutoff of [1e-3, 1e-5, 1e-8]) {
      // Var = c²/3 − 2c⁴/45 + O(c⁶), so the relative gap to c/√3 is about c²/15.
      const expected = (cutoff / Math.sqrt(3)) * (1 - cutoff ** 2 / 15);
      expect(Math.abs(truncatedNormalStdFactor(cutoff) / expected - 1)).toBeLessThan(1e-14);
    }
  });
});
