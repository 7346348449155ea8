/**
 * The figures of a grid that draws none of its own (a config file's sweep): one heatmap per metric over the two
 * axes its `grid.heatmap` names (default: its first two), seeds averaged.
 */
import type { ExperimentResults } from '@initlab/trainer';
import { heatmapChart } from './heatmap-chart.js';
import { cellsOf, experimentConfig } from './model.js';
import type { PresetFigure } from './presets/types.js';

const ACCURACY = /accuracy/i;

/** The two axes a grid's heatmaps are drawn over, or `null` for a grid of fewer than two axes. */
export function heatmapAxes(results: ExperimentResults, experiment: string): { x: string; y: string } | null {
  const grid = experimentConfig(results, experiment)?.grid;
  const { x, y } = grid?.heatmap ?? {};
  if (typeof x === 'string' && typeof y === 'string') return { x, y };
  const names = (grid?.axes ?? []).map((axis) => axis.name).filter((name) => typeof name === 'string');
  return names.length >= 2 ? { x: names[0] as string, y: names[1] as string } : null;
}

/** A heatmap per metric of the experiment's cells (accuracies on a fixed 0–1 colour scale). */
export function gridFigures(results: ExperimentResults, experiment: string): PresetFigure[] {
  const cells = cellsOf(results, experiment);
  const axes = heatmapAxes(results, experiment);
  if (cells.length === 0 || !axes) return [];
  const metrics = [...new Set(cells.flatMap((cell) => Object.keys(cell.metrics)))];
  return metrics.map((metric) => ({
    stem: `heatmap-${metric}`,
    title: `${metric} over ${axes.x} × ${axes.y}`,
    lookFor: `Each square is the mean of ${metric} over the seeds at one (${axes.x}, ${axes.y}); blank squares have no finite value (not run, or diverged).`,
    spec: heatmapChart(cells, {
      ...axes,
      metric,
      ...(ACCURACY.test(metric) ? { domain: [0, 1] as [number, number] } : {}),
    }),
  }));
}
