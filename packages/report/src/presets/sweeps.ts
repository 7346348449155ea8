/**
 * The sweep presets' own figures: edge-of-chaos's accuracy heatmaps over σ_w² × depth with the mean-field depth
 * scale on top (Schoenholz et al. 2017), and jacobian-spectrum's singular-value histograms and their spread
 * against depth (Pennington et al. 2017).
 */
import { biasVarianceOf, criticalSigmaW2, type CellResult, type ExperimentResults } from '@initlab/trainer';
import type { TopLevelSpec } from 'vega-lite';
import { asSpec, CONFIG, type ExperimentView } from '../chart-style.js';
import { SWEEP_FIGURES_LOOK_FOR } from '../findings.js';
import { heatmapChart, type HeatmapOverlay, type HeatmapRule } from '../heatmap-chart.js';
import { cellsOf, experimentConfig } from '../model.js';
import type { PresetFigure } from './types.js';

/** The "what to look for" line of one of a preset's own figures. */
function lookFor(experiment: string, stem: string): string {
  return SWEEP_FIGURES_LOOK_FOR[experiment]?.[stem] ?? '';
}

/** Train and test accuracy over σ_w² × depth, with 6ξ_c and the critical σ_w² of the results' theory. */
export function edgeOfChaosFigures(view: ExperimentView, results: ExperimentResults): PresetFigure[] {
  const cells = cellsOf(results, view.name);
  const curve = (results.theory ?? []).flatMap((point) =>
    point.xiC === null ? [] : [{ x: point.sigmaW2, y: 6 * point.xiC }],
  );
  const overlays: HeatmapOverlay[] =
    curve.length > 0 ? [{ label: '6ξ_c (mean-field depth scale)', points: curve }] : [];
  const sigmaB2 = biasVarianceOf(experimentConfig(results, view.name));
  const rules: HeatmapRule[] = [];
  if (sigmaB2 !== undefined) {
    const critical = criticalSigmaW2(sigmaB2);
    rules.push({ label: `critical σ_w² = ${critical.toFixed(3)} (χ₁ = 1; published ≈ 1.76)`, x: critical });
  }
  return (
    [
      ['train-accuracy', 'trainAccuracy', 'Train accuracy after 500 steps'],
      ['test-accuracy', 'testAccuracy', 'Test accuracy after 500 steps'],
    ] as const
  ).map(([stem, metric, title]) => ({
    stem,
    title,
    lookFor: lookFor(view.name, stem),
    spec: heatmapChart(cells, { x: 'sigmaW2', y: 'depth', metric, title, domain: [0, 1], overlays, rules }),
  }));
}

/** Values of a coordinate in the cells' order (the grid's), without repeats. */
function valuesOf(cells: readonly CellResult[], axis: string): (string | number | boolean)[] {
  return [...new Set(cells.map((cell) => cell.coordinates[axis]))];
}

/**
 * The share of the pooled singular values in each log10 bin, per configuration (rows) and depth (columns), seeds
 * pooled; each panel notes the share below the first edge (numerically zero). `null` without histograms.
 */
export function spectrumHistogramsChart(cells: readonly CellResult[]): TopLevelSpec | null {
  const rows: object[] = [];
  const panels = new Map<
    string,
    { config: unknown; depth: unknown; counts: number[]; below: number; edges: number[] }
  >();
  for (const cell of cells) {
    if (!cell.histogram || cell.status === 'interrupted') continue;
    const { config, depth } = cell.coordinates;
    const key = JSON.stringify([config, depth]);
    const panel = panels.get(key) ?? {
      config,
      depth,
      counts: new Array<number>(cell.histogram.counts.length).fill(0),
      below: 0,
      edges: cell.histogram.edges,
    };
    cell.histogram.counts.forEach((count, bin) => {
      panel.counts[bin] += count;
    });
    panel.below += cell.histogram.below ?? 0;
    panels.set(key, panel);
  }
  if (panels.size === 0) return null;
  for (const { config, depth, counts, below, edges } of panels.values()) {
    const total = counts.reduce((a, b) => a + b, 0) + below;
    counts.forEach((count, bin) => {
      if (count > 0)
        rows.push({ kind: 'bin', config, depth, low: edges[bin], high: edges[bin + 1], share: count / total });
    });
    const note = `below 1e${edges[0]}: ${((100 * below) / total).toFixed(0)}%`;
    rows.push({ kind: 'below', config, depth, note });
  }
  const bins = { filter: "datum.kind === 'bin'" };
  return asSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Singular values of the input–output Jacobian',
      subtitle: ['log10 σ, pooled over the images (and seeds); share of all values per bin'],
    },
    config: CONFIG,
    data: { values: rows },
    facet: {
      row: { field: 'config', type: 'nominal', sort: valuesOf(cells, 'config'), header: { title: null } },
      column: {
        field: 'depth',
        type: 'ordinal',
        sort: valuesOf(cells, 'depth'),
        header: { title: 'depth', labelExpr: "'depth ' + datum.value" },
      },
    },
    spec: {
      width: 170,
      height: 110,
      layer: [
        {
          transform: [bins],
          mark: { type: 'rect', color: '#4c78a8' },
          encoding: {
            x: { field: 'low', type: 'quantitative', title: 'log10 σ', scale: { domain: [-16, 2], nice: false } },
            x2: { field: 'high' },
            y: { field: 'share', type: 'quantitative', title: 'share', axis: { format: '.0%' } },
          },
        },
        {
          transform: [{ filter: "datum.kind === 'below'" }],
          mark: { type: 'text', align: 'left', baseline: 'top', x: 4, y: 4, fontSize: 10, color: '#444' },
          encoding: { text: { field: 'note' } },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  });
}

/** The spread of log10 σ (svLog10Std) against depth per configuration, seeds averaged; `null` without cells. */
export function spectrumSpreadChart(cells: readonly CellResult[]): TopLevelSpec | null {
  const rows = cells.flatMap((cell) => {
    const spread = cell.metrics.svLog10Std;
    if (typeof spread !== 'number' || cell.status === 'interrupted') return [];
    return [{ config: cell.coordinates.config, depth: cell.coordinates.depth, svLog10Std: spread }];
  });
  if (rows.length === 0) return null;
  return asSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Spread of the singular values against depth',
      subtitle: ['std of log10 σ (values above 10⁻⁶ of the largest), seeds averaged'],
    },
    config: CONFIG,
    data: { values: rows },
    width: 520,
    height: 300,
    mark: { type: 'line', point: true, strokeWidth: 2 },
    encoding: {
      x: { field: 'depth', type: 'quantitative', title: 'depth (square layers in J)', scale: { type: 'log', base: 2 } },
      y: { aggregate: 'mean', field: 'svLog10Std', type: 'quantitative', title: 'std of log10 σ (decades)' },
      color: { field: 'config', type: 'nominal', sort: valuesOf(cells, 'config'), title: null },
    },
  });
}

export function jacobianSpectrumFigures(view: ExperimentView, results: ExperimentResults): PresetFigure[] {
  const cells = cellsOf(results, view.name);
  return [
    {
      stem: 'spectra',
      title: 'Jacobian singular values',
      lookFor: lookFor(view.name, 'spectra'),
      spec: spectrumHistogramsChart(cells),
    },
    {
      stem: 'spectrum-spread',
      title: 'Spread against depth',
      lookFor: lookFor(view.name, 'spectrum-spread'),
      spec: spectrumSpreadChart(cells),
    },
  ];
}
