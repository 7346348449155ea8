import { describe, expect, it } from 'vitest';
import {
  axisValues,
  biasVarianceOf,
  criticalSigmaW2,
  edgeOfChaosTheory,
  meanFieldTheory,
  sweepPresets,
  theoryFor,
  type ExperimentConfig,
} from '../src/index.js';

// The grid schema is not in ExperimentConfig yet; the preset is read as the config the runner passes.
const preset = sweepPresets['edge-of-chaos'] as unknown as ExperimentConfig;

describe('edge-of-chaos theory', () => {
  const theory = edgeOfChaosTheory(preset);

  it('gives q*, χ₁, c* and ξ_c at each σ_w² of the grid, with the preset’s σ_b² = 0.05', () => {
    expect(biasVarianceOf(preset)).toBeCloseTo(0.05, 15);
    expect(theory.map((point) => point.sigmaW2)).toEqual(axisValues(preset, 'sigmaW2'));
    expect(theory[0]).toEqual(meanFieldTheory(1.0, 0.05));
    expect(theory[4]).toEqual(meanFieldTheory(2.0, 0.05));
    // The registry finds it by the preset's name (a one-value axis keeps the test quick).
    const axes = [{ name: 'sigmaW2', setting: 'initializer.scale', values: [1.5] }];
    const small = { ...preset, grid: { axes } } as unknown as ExperimentConfig;
    expect(theoryFor(small)).toEqual([meanFieldTheory(1.5, 0.05)]);
    expect(theoryFor({ ...small, name: 'seed-he' })).toBeUndefined();
  });

  it('crosses χ₁ = 1 between σ_w² = 1.75 and 2.0, where the critical point is (≈ 1.76, as published)', () => {
    const critical = criticalSigmaW2(0.05);
    expect(Math.abs(critical - 1.76)).toBeLessThan(0.005);
    for (const point of theory) {
      if (point.sigmaW2 < critical) expect([point.chi1 < 1, point.cStar]).toEqual([true, 1]);
      else expect([point.chi1 > 1, point.cStar < 1]).toEqual([true, true]);
    }
  });

  it('has ξ_c finite on both sides, growing towards the critical point from each', () => {
    const xi = theory.map((point) => point.xiC);
    for (const value of xi) expect(Number.isFinite(value)).toBe(true);
    const values = xi as number[];
    const peak = values.indexOf(Math.max(...values));
    expect(theory[peak].sigmaW2).toBe(1.75);
    // 426 at σ_w² = 1.75, 0.997 of the way to χ₁ = 1; then 25 at 2.0 and below 10 far out on either side.
    expect(values[peak]).toBeGreaterThan(100);
    for (let i = 1; i <= peak; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
    for (let i = peak + 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1]);
  });

  it('is empty for configs without N(0, σ_b²) biases or without a sigmaW2 axis', () => {
    const zeroBiases = { ...preset, base: { ...preset.base, biasInitializer: 'zeros' } } as ExperimentConfig;
    expect(edgeOfChaosTheory(zeroBiases)).toEqual([]);
    expect(biasVarianceOf({ base: { biasInitializer: { name: 'normal', std: 0.2, mean: 1 } } })).toBeUndefined();
    expect(edgeOfChaosTheory({ ...preset, grid: undefined } as unknown as ExperimentConfig)).toEqual([]);
  });
});
