import type { ExperimentResults } from '@initlab/trainer';
import type { ExperimentView } from '../chart-style.js';
import { BATCHNORM_OMITTED_FIGURES, batchNormFigures } from './batchnorm.js';
import { lsuvFigures } from './papers-deep.js';
import { saxeOrthogonalFigures } from './papers-linear.js';
import { edgeOfChaosFigures, jacobianSpectrumFigures } from './sweeps.js';
import type { PresetFigure, PresetFigures } from './types.js';

export type { PresetFigure, PresetFigures } from './types.js';

/**
 * The figures each preset adds to the standard ones, by preset name, drawn after them. Each preset family keeps
 * its builders in a file of this folder and registers them here.
 */
export const presetFigures: Readonly<Record<string, PresetFigures>> = {
  'book-batchnorm': batchNormFigures,
  lsuv: lsuvFigures,
  'saxe-orthogonal': saxeOrthogonalFigures,
  'edge-of-chaos': edgeOfChaosFigures,
  'jacobian-spectrum': jacobianSpectrumFigures,
};

/**
 * Standard figures (by stem: `accuracy`, `histograms`, …) a preset leaves out, where its own figures replace them
 * or they would mislead; each preset's file says why.
 */
export const omittedFigures: Readonly<Record<string, readonly string[]>> = {
  'book-batchnorm': BATCHNORM_OMITTED_FIGURES,
};

/** Whether a preset draws the standard figure `stem` (every one, for config files and most presets). */
export function drawsStandardFigure(experiment: string, stem: string): boolean {
  return !(Object.hasOwn(omittedFigures, experiment) && omittedFigures[experiment].includes(stem));
}

/** Whether a preset draws figures of its own (a grid without any gets the generic heatmaps). */
export function hasPresetFigures(experiment: string): boolean {
  return Object.hasOwn(presetFigures, experiment);
}

/** A preset's own figures (none for config files and presets without any). */
export function presetFiguresFor(view: ExperimentView, results: ExperimentResults): PresetFigure[] {
  return Object.hasOwn(presetFigures, view.name) ? presetFigures[view.name](view, results) : [];
}
