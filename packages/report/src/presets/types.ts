import type { ExperimentResults } from '@initlab/trainer';
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentView } from '../chart-style.js';

/** A figure only one preset draws (e.g. Saxe's learning time against depth), beside the standard ones. */
export interface PresetFigure {
  /** File stem, e.g. `learning-time` (prefixed with the experiment's name in a group). */
  stem: string;
  title: string;
  /** The "what to look for" line under the title. */
  lookFor: string;
  /** `null` when the results hold nothing to draw (the figure is then left out). */
  spec: TopLevelSpec | null;
}

/** Builds a preset's own figures from its view and the whole results (for `cells`, `theory`, …). */
export type PresetFigures = (view: ExperimentView, results: ExperimentResults) => PresetFigure[];
