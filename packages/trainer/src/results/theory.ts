import type { ExperimentConfig } from '../config/config.js';
import { isPlainObject } from '../config/config.js';
import { meanFieldTheory } from '../theory/mean-field.js';
import type { TheoryPoint } from './results.js';

/** Computes the theory a grid preset compares its cells with, from its resolved config (its axes' values). */
export type PresetTheory = (config: ExperimentConfig) => TheoryPoint[];

/** The values of a grid config's axis `name` (none when the config has no grid or no such axis). */
export function axisValues(config: unknown, name: string): unknown[] {
  const grid = isPlainObject(config) ? config.grid : undefined;
  const axes = isPlainObject(grid) && Array.isArray(grid.axes) ? grid.axes : [];
  const axis = axes.find((candidate: unknown) => isPlainObject(candidate) && candidate.name === name);
  return isPlainObject(axis) && Array.isArray(axis.values) ? axis.values : [];
}

/**
 * σ_b² of an experiment whose biases are drawn N(0, σ_b²) (`base.biasInitializer: { name: 'normal', std }`), as
 * the edge-of-chaos preset's; `undefined` for any other config (zero or other biases: no mean-field σ_b² to read).
 */
export function biasVarianceOf(config: unknown): number | undefined {
  const base = isPlainObject(config) ? config.base : undefined;
  const bias = isPlainObject(base) ? base.biasInitializer : undefined;
  if (!isPlainObject(bias) || bias.name !== 'normal' || (bias.mean ?? 0) !== 0) return undefined;
  return typeof bias.std === 'number' && bias.std > 0 ? bias.std ** 2 : undefined;
}

/**
 * Edge of chaos (Schoenholz et al. 2017): the mean-field q*, χ₁, c* and ξ_c at each σ_w² of the `sigmaW2` axis,
 * with the config's σ_b² (0.05 in the preset). ξ_c is infinite only at criticality; JSON has no ∞, so it is null.
 */
export function edgeOfChaosTheory(config: ExperimentConfig): TheoryPoint[] {
  const sigmaB2 = biasVarianceOf(config);
  if (sigmaB2 === undefined) return [];
  return axisValues(config, 'sigmaW2')
    .filter((value): value is number => typeof value === 'number')
    .map((sigmaW2) => {
      const point = meanFieldTheory(sigmaW2, sigmaB2);
      return { ...point, xiC: Number.isFinite(point.xiC) ? point.xiC : null };
    });
}

/**
 * The theory each grid preset supplies, by preset name, recorded as `results.theory` and drawn over its heatmap.
 * Presets without theory are absent.
 */
export const presetTheory: Readonly<Record<string, PresetTheory>> = {
  'edge-of-chaos': edgeOfChaosTheory,
};

/** A preset's theory for its config, or `undefined` for presets and config files that supply none. */
export function theoryFor(config: ExperimentConfig): TheoryPoint[] | undefined {
  return Object.hasOwn(presetTheory, config.name) ? presetTheory[config.name](config) : undefined;
}
