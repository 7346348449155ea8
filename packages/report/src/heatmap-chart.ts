/**
 * A grid's cells as a heatmap: one metric over two of the grid's axes, seeds (and any other axis) averaged, with
 * a preset's theory drawn on top (edge-of-chaos: the 6ξ_c curve and the critical σ_w²).
 */
import type { CellResult, Coordinate } from '@initlab/trainer';
import type { TopLevelSpec } from 'vega-lite';
import { asSpec, CONFIG } from './chart-style.js';

/** A line drawn over the heatmap in the axes' units, e.g. 6ξ_c against σ_w². */
export interface HeatmapOverlay {
  label: string;
  points: { x: number; y: number }[];
}

/** A vertical rule at one x, e.g. the critical σ_w². */
export interface HeatmapRule {
  label: string;
  x: number;
}

export interface HeatmapOptions {
  /** The axes (coordinate names) across and up. */
  x: string;
  y: string;
  /** The cells' metric coloured, e.g. `trainAccuracy`. */
  metric: string;
  title?: string;
  /** Lines over the cells; they need numeric axes (drawn to scale). */
  overlays?: HeatmapOverlay[];
  rules?: HeatmapRule[];
  /** The colour scale's range of the metric (default: the data's), e.g. `[0, 1]` for accuracies. */
  domain?: [number, number];
}

/** One coloured cell: the mean of the metric over the cells at (x, y), with the edges it spans on numeric axes. */
export interface HeatmapRow {
  x: Coordinate;
  y: Coordinate;
  value: number | null;
  /** Cells averaged (finite values only). */
  count: number;
  x0?: number;
  x1?: number;
  y0?: number;
  y1?: number;
}

/** Each value's span on a numeric axis: halfway to its neighbours, as far again past the first and last. */
function spans(values: readonly number[]): Map<number, [number, number]> {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const result = new Map<number, [number, number]>();
  sorted.forEach((value, i) => {
    const before = i > 0 ? (sorted[i - 1] + value) / 2 : undefined;
    const after = i < sorted.length - 1 ? (value + sorted[i + 1]) / 2 : undefined;
    // The first and last values reach as far out as they reach in (a lone value: ±0.5).
    const low = before ?? (after === undefined ? value - 0.5 : 2 * value - after);
    const high = after ?? (before === undefined ? value + 0.5 : 2 * value - before);
    result.set(value, [low, high]);
  });
  return result;
}

const isNumeric = (values: readonly Coordinate[]): values is number[] =>
  values.length > 0 && values.every((value) => typeof value === 'number');

/** The heatmap's cells: the metric averaged over the seeds (and other axes) at each (x, y), in first-seen order. */
export function heatmapRows(cells: readonly CellResult[], options: Pick<HeatmapOptions, 'x' | 'y' | 'metric'>) {
  const placed = cells.filter((cell) => options.x in cell.coordinates && options.y in cell.coordinates);
  const groups = new Map<string, { x: Coordinate; y: Coordinate; sum: number; count: number }>();
  for (const cell of placed) {
    const x = cell.coordinates[options.x];
    const y = cell.coordinates[options.y];
    const key = JSON.stringify([x, y]);
    const group = groups.get(key) ?? { x, y, sum: 0, count: 0 };
    const value = cell.metrics[options.metric];
    if (typeof value === 'number' && Number.isFinite(value) && cell.status !== 'interrupted') {
      group.sum += value;
      group.count++;
    }
    groups.set(key, group);
  }
  const xs = [...groups.values()].map((group) => group.x);
  const ys = [...groups.values()].map((group) => group.y);
  const xSpans = isNumeric(xs) ? spans(xs) : undefined;
  const ySpans = isNumeric(ys) ? spans(ys) : undefined;
  return [...groups.values()].map(({ x, y, sum, count }): HeatmapRow => {
    const [x0, x1] = xSpans?.get(x as number) ?? [];
    const [y0, y1] = ySpans?.get(y as number) ?? [];
    return { x, y, value: count > 0 ? sum / count : null, count, x0, x1, y0, y1 };
  });
}

/** What the overlays mean, for the subtitle: "line: 6ξ_c · dashed: critical σ_w² ≈ 1.761". */
function overlayLegend(options: HeatmapOptions): string[] {
  return [
    ...(options.overlays ?? []).map((overlay) => `white line: ${overlay.label}`),
    ...(options.rules ?? []).map((rule) => `dashed: ${rule.label}`),
  ];
}

/**
 * The metric over the x and y axes, seeds averaged (grey where no cell finished). Numeric axes are drawn to scale,
 * each cell spanning halfway to its neighbours, so that overlays and rules sit where their values are; others
 * are bands in the grid's order. `null` when no cell has both axes.
 */
export function heatmapChart(cells: readonly CellResult[], options: HeatmapOptions): TopLevelSpec | null {
  const rows = heatmapRows(cells, options);
  if (rows.length === 0) return null;
  const numericX = rows[0].x0 !== undefined;
  const numericY = rows[0].y0 !== undefined;
  const xDomain = numericX ? [Math.min(...rows.map((r) => r.x0 ?? 0)), Math.max(...rows.map((r) => r.x1 ?? 0))] : null;
  const yDomain = numericY ? [Math.min(...rows.map((r) => r.y0 ?? 0)), Math.max(...rows.map((r) => r.y1 ?? 0))] : null;
  const xScale = xDomain ? { domain: xDomain, nice: false, zero: false } : {};
  const yScale = yDomain ? { domain: yDomain, nice: false, zero: false } : {};
  const xEncoding = numericX
    ? { x: { field: 'x0', type: 'quantitative', title: options.x, scale: xScale }, x2: { field: 'x1' } }
    : { x: { field: 'x', type: 'ordinal', title: options.x, sort: null } };
  const yEncoding = numericY
    ? { y: { field: 'y0', type: 'quantitative', title: options.y, scale: yScale }, y2: { field: 'y1' } }
    : { y: { field: 'y', type: 'ordinal', title: options.y, sort: null } };
  const cellsLayer = {
    data: { values: rows },
    mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      ...xEncoding,
      ...yEncoding,
      color: {
        field: 'value',
        type: 'quantitative',
        title: options.metric,
        scale: { scheme: 'viridis', ...(options.domain ? { domain: options.domain } : {}) },
      },
      tooltip: [
        { field: 'x', title: options.x },
        { field: 'y', title: options.y },
        { field: 'value', title: options.metric, format: '.3f' },
        { field: 'count', title: 'cells averaged' },
      ],
    },
  };
  // Viridis ends in bright yellow: the labels of the upper third of the colour range are dark, the rest white.
  const values = rows.flatMap((row) => (row.value === null ? [] : [row.value]));
  const [low, high] = options.domain ?? [Math.min(...values), Math.max(...values)];
  const bright = low + (2 / 3) * (high - low);
  const labels = {
    data: { values: rows.filter((row) => row.value !== null) },
    mark: { type: 'text', fontSize: 9 },
    encoding: {
      ...(numericX
        ? { x: { field: 'x', type: 'quantitative', scale: xScale } }
        : { x: { field: 'x', type: 'ordinal', sort: null } }),
      ...(numericY
        ? { y: { field: 'y', type: 'quantitative', scale: yScale } }
        : { y: { field: 'y', type: 'ordinal', sort: null } }),
      text: { field: 'value', type: 'quantitative', format: '.2f' },
      color: { condition: { test: `datum.value > ${bright}`, value: '#1f2933' }, value: 'white' },
    },
  };
  const drawn = numericX && numericY;
  const lines = drawn
    ? (options.overlays ?? []).map((overlay) => ({
        data: { values: overlay.points.map((point) => ({ ...point, label: overlay.label })) },
        mark: { type: 'line', color: 'white', strokeWidth: 2.5, clip: true, point: { color: 'white', size: 20 } },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: xScale },
          y: { field: 'y', type: 'quantitative', scale: yScale },
          tooltip: [{ field: 'label' }, { field: 'x' }, { field: 'y', format: '.1f' }],
        },
      }))
    : [];
  const rules = numericX
    ? (options.rules ?? []).map((rule) => ({
        data: { values: [rule] },
        mark: { type: 'rule', color: '#e45756', strokeWidth: 2, strokeDash: [6, 4], clip: true },
        encoding: { x: { field: 'x', type: 'quantitative', scale: xScale }, tooltip: [{ field: 'label' }] },
      }))
    : [];
  const legend = overlayLegend({
    ...options,
    overlays: drawn ? options.overlays : [],
    rules: numericX ? options.rules : [],
  });
  return asSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: options.title ?? `${options.metric} over ${options.x} × ${options.y}`,
      // One line each: a long subtitle would widen the figure past its chart (its width is estimated, not measured).
      subtitle: ['seeds averaged', ...legend],
    },
    config: CONFIG,
    width: 520,
    height: 340,
    layer: [cellsLayer, labels, ...lines, ...rules],
  });
}
