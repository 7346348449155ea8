import type { ExperimentConfig } from '../config/config.js';
import type { TheoryPoint } from './results.js';

/** Computes the theory a grid preset compares its cells with, from its resolved config (its axes' values). */
export type PresetTheory = (config: ExperimentConfig) => TheoryPoint[];

/**
 * The theory each grid preset supplies, by preset name, recorded as `results.theory` and drawn over its heatmap.
 * Presets without theory are absent.
 */
export const presetTheory: Readonly<Record<string, PresetTheory>> = {};

/** A preset's theory for its config, or `undefined` for presets and config files that supply none. */
export function theoryFor(config: ExperimentConfig): TheoryPoint[] | undefined {
  return Object.hasOwn(presetTheory, config.name) ? presetTheory[config.name](config) : undefined;
}
