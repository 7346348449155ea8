import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { smoothCurve } from '../src/smooth.js';

// Produced by scripts/smooth-fixture.py with the book's smooth_curve in NumPy.
const fixture = JSON.parse(readFileSync(new URL('./fixtures/smooth.json', import.meta.url), 'utf8')) as {
  cases: { input: number[]; output: number[] }[];
};

describe('smoothCurve', () => {
  it.each(fixture.cases.map((c) => [c.input.length, c] as const))(
    'matches the book’s smooth_curve (n = %i)',
    (_, c) => {
      const smoothed = smoothCurve(c.input);
      expect(smoothed).toHaveLength(c.output.length);
      for (const [i, value] of smoothed.entries()) expect(value).toBeCloseTo(c.output[i], 12);
    },
  );

  it('returns curves shorter than the window unchanged', () => {
    expect(smoothCurve([3, 1, 2])).toEqual([3, 1, 2]);
  });
});
