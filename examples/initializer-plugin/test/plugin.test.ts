import { getInitializer, listInitializers } from '@initlab/initializers';
import { createRng } from '@initlab/tensor';
import { describe, expect, it } from 'vitest';
import '../src/index.js';

describe('fixedVarianceUniform plugin', () => {
  it('registers itself by importing the module', () => {
    expect(listInitializers().map((d) => d.name)).toContain('fixedVarianceUniform');
  });

  it('has the stated variance and bounds regardless of fan-in (5 standard errors)', () => {
    const variance = 0.01;
    const init = getInitializer({ name: 'fixedVarianceUniform', variance });
    for (const [fanIn, fanOut] of [
      [784, 100],
      [50, 400],
    ] as const) {
      const w = init.init({ shape: [fanIn, fanOut], fanIn, fanOut, rng: createRng(7) });
      const n = w.length;
      let sum = 0;
      let sumSquares = 0;
      const limit = Math.sqrt(3 * variance);
      for (const x of w) {
        expect(Math.abs(x)).toBeLessThanOrEqual(limit);
        sum += x;
        sumSquares += x * x;
      }
      const mean = sum / n;
      const sampleVariance = sumSquares / n - mean * mean;
      // For U(−L, L): Var = L²/3, E[x⁴] = L⁴/5, so Var(x²) = L⁴/5 − L⁴/9.
      const meanError = Math.sqrt(variance / n);
      const varianceError = Math.sqrt((limit ** 4 / 5 - limit ** 4 / 9) / n);
      expect(Math.abs(mean)).toBeLessThan(5 * meanError);
      expect(Math.abs(sampleVariance - variance)).toBeLessThan(5 * varianceError);
    }
  });

  it('rejects a non-positive variance by name', () => {
    expect(() => getInitializer({ name: 'fixedVarianceUniform', variance: 0 })).toThrow(
      /fixedVarianceUniform.*variance/,
    );
  });
});
