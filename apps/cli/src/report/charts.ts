/**
 * The one definition of every figure: Vega-Lite specs built from results. The HTML report and the PNG/SVG
 * files both render these, so what a reader sees in either is the same chart.
 */
import type { Aggregate, Band, LayerStats, RunResult } from '@initlab/trainer';
import type { Config, TopLevelSpec } from 'vega-lite';
import { finiteLoss, hasSeedBands, isParameterSweep, labelsOf } from './model.js';
import { smoothCurve } from './smooth.js';

/** Font stack for chart text; DejaVu Sans renders the PNGs, browsers fall back along the list. */
export const CHART_FONT = 'DejaVu Sans, Liberation Sans, Helvetica, Arial, sans-serif';

/** What a chart needs to know about one experiment (one preset of a run or group). */
export interface ExperimentView {
  name: string;
  runs: RunResult[];
  aggregates: Aggregate[];
  /** Iterations per epoch (training-set size / batch size); `null` plots accuracy against iterations. */
  iterationsPerEpoch: number | null;
}

/** Loss curves longer than this are thinned so the SVG stays light; the smoothing already ran on all points. */
const MAX_POINTS_PER_CURVE = 1500;
/** The book plots loss on 0–2.5; a curve above that (a large-σ sigmoid run) raises the top up to this cap. */
const LOSS_AXIS_CAP = 5;

const CONFIG: Config = {
  font: CHART_FONT,
  background: 'white',
  padding: 12,
  title: { fontSize: 15, fontWeight: 600, anchor: 'start', offset: 12, subtitleFontSize: 11, subtitleColor: '#5b6470' },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    titleColor: '#333',
    labelColor: '#444',
    gridColor: '#eceff3',
    domainColor: '#9aa3ad',
    tickColor: '#9aa3ad',
  },
  legend: { labelFontSize: 12, titleFontSize: 12, symbolStrokeWidth: 3, symbolOpacity: 1, labelLimit: 260 },
  header: { labelFontSize: 13, labelFontWeight: 'bold', labelColor: '#222', titleFontSize: 1, titleColor: 'white' },
  view: { stroke: '#d6dbe1' },
  range: { category: ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#eeca3b', '#9d755d'] },
};

/** The specs below are assembled from loosely typed parts; vega-lite validates them when it compiles. */
function asSpec(spec: object): TopLevelSpec {
  return spec as TopLevelSpec;
}

function every<T>(values: readonly T[], limit: number): { value: T; index: number }[] {
  const stride = Math.max(1, Math.ceil(values.length / limit));
  const picked: { value: T; index: number }[] = [];
  for (let i = 0; i < values.length; i += stride) picked.push({ value: values[i], index: i });
  if (values.length > 0 && (values.length - 1) % stride !== 0) {
    picked.push({ value: values[values.length - 1], index: values.length - 1 });
  }
  return picked;
}

/** One run per label: the one with the smallest seed, so single-run figures are reproducible. */
function firstSeedRuns(runs: readonly RunResult[]): RunResult[] {
  const byLabel = new Map<string, RunResult>();
  for (const run of runs) {
    const current = byLabel.get(run.label);
    if (!current || run.seed < current.seed) byLabel.set(run.label, run);
  }
  return labelsOf(runs).map((label) => byLabel.get(label)!);
}

function lossAxisTop(curves: readonly number[][]): number {
  let top = 0;
  for (const curve of curves) for (const value of curve) top = Math.max(top, value);
  return Math.min(LOSS_AXIS_CAP, Math.max(0.5, Math.ceil(top * 2) / 2));
}

function colorEncoding(labels: string[], legend: boolean) {
  return { field: 'label', type: 'nominal', sort: labels, title: null, ...(legend ? {} : { legend: null }) } as const;
}

/**
 * Wraps a layered chart either as one panel with a legend, or (for a parameter sweep) as one panel per label
 * titled by the label, the way the book shows σ = 1.0 … 0.001 side by side.
 */
function arrange(
  view: ExperimentView,
  title: { text: string; subtitle: string },
  rows: object[],
  chart: { encoding: object; layer: object[] },
): TopLevelSpec {
  const labels = labelsOf(view.runs);
  if (isParameterSweep(view.runs)) {
    return asSpec({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title,
      config: CONFIG,
      data: { values: rows },
      facet: { field: 'label', type: 'nominal', sort: labels, header: { title: null } },
      columns: Math.min(labels.length, 2),
      spec: {
        width: 300,
        height: 190,
        encoding: { ...chart.encoding, color: colorEncoding(labels, false) },
        layer: chart.layer,
      },
    });
  }
  return asSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    config: CONFIG,
    data: { values: rows },
    width: 560,
    height: 320,
    encoding: { ...chart.encoding, color: colorEncoding(labels, true) },
    layer: chart.layer,
  });
}

function smoothedBand(band: Band): { x: number; mean: number; lower: number; upper: number }[] {
  const length = finiteLoss(band.mean).length;
  const mean = smoothCurve(band.mean.slice(0, length));
  const std = smoothCurve(band.std.slice(0, length));
  return every(mean, MAX_POINTS_PER_CURVE).map(({ value, index }) => ({
    x: band.x[index],
    mean: value,
    lower: Math.max(0, value - std[index]),
    upper: value + std[index],
  }));
}

/** Training loss against iterations: raw (faint) and smoothed per label, or mean ± std bands over seeds. */
export function lossChart(view: ExperimentView): TopLevelSpec {
  const x = { field: 'iteration', type: 'quantitative', title: 'iterations' };
  if (hasSeedBands(view.aggregates)) {
    const rows = view.aggregates.flatMap((aggregate) =>
      smoothedBand(aggregate.loss).map((point) => ({ label: aggregate.label, iteration: point.x, ...point })),
    );
    const top = lossAxisTop([rows.map((row) => row.mean)]);
    const y = { type: 'quantitative', title: 'loss', scale: { domain: [0, top] } };
    return arrange(
      view,
      { text: `${view.name}: training loss`, subtitle: `smoothed mean over seeds, band = ± 1 std` },
      rows,
      {
        encoding: { x },
        layer: [
          { mark: { type: 'area', opacity: 0.2, clip: true }, encoding: { y: { ...y, field: 'lower' }, y2: { field: 'upper' } } },
          { mark: { type: 'line', strokeWidth: 2, clip: true }, encoding: { y: { ...y, field: 'mean' } } },
        ],
      },
    );
  }
  const runs = firstSeedRuns(view.runs);
  const rows: object[] = [];
  const smoothedCurves: number[][] = [];
  for (const run of runs) {
    const raw = finiteLoss(run.loss);
    const smoothed = smoothCurve(raw);
    smoothedCurves.push(smoothed);
    for (const { value, index } of every(raw, MAX_POINTS_PER_CURVE)) {
      rows.push({ label: run.label, iteration: index, raw: value, smoothed: smoothed[index] });
    }
  }
  const y = { type: 'quantitative', title: 'loss', scale: { domain: [0, lossAxisTop(smoothedCurves)] } };
  return arrange(
    view,
    { text: `${view.name}: training loss`, subtitle: 'faint: loss of each mini-batch; bold: smoothed (the book’s smooth_curve)' },
    rows,
    {
      encoding: { x },
      layer: [
        { mark: { type: 'line', strokeWidth: 1, opacity: 0.22, clip: true }, encoding: { y: { ...y, field: 'raw' } } },
        { mark: { type: 'line', strokeWidth: 2.2, clip: true }, encoding: { y: { ...y, field: 'smoothed' } } },
      ],
    },
  );
}

const SPLIT_DASH = {
  field: 'split',
  type: 'nominal',
  title: null,
  scale: { domain: ['train', 'test'], range: [[1, 0], [5, 3]] },
  legend: { symbolType: 'stroke', symbolStrokeColor: '#444', symbolSize: 300 },
} as const;

/** Train (solid) and test (dashed) accuracy against epochs, per label; bands over seeds when several ran. */
export function accuracyChart(view: ExperimentView): TopLevelSpec {
  const perEpoch = view.iterationsPerEpoch;
  const toX = (iteration: number) => (perEpoch ? iteration / perEpoch : iteration);
  const x = { field: 'x', type: 'quantitative', title: perEpoch ? 'epochs' : 'iterations' };
  const y = { type: 'quantitative', title: 'accuracy', scale: { domain: [0, 1] } };
  if (hasSeedBands(view.aggregates)) {
    const rows = view.aggregates.flatMap((aggregate) =>
      (['train', 'test'] as const).flatMap((split) => {
        const band = split === 'train' ? aggregate.trainAccuracy : aggregate.testAccuracy;
        return band.x.map((iteration, i) => ({
          label: aggregate.label,
          split,
          x: toX(iteration),
          mean: band.mean[i],
          lower: Math.max(0, band.mean[i] - band.std[i]),
          upper: Math.min(1, band.mean[i] + band.std[i]),
        }));
      }),
    );
    return arrange(view, { text: `${view.name}: accuracy`, subtitle: 'mean over seeds, band = ± 1 std; solid: train, dashed: test' }, rows, {
      encoding: { x, detail: { field: 'split' } },
      layer: [
        { mark: { type: 'area', opacity: 0.15 }, encoding: { y: { ...y, field: 'lower' }, y2: { field: 'upper' } } },
        { mark: { type: 'line', strokeWidth: 2 }, encoding: { y: { ...y, field: 'mean' }, strokeDash: SPLIT_DASH } },
        { mark: { type: 'point', filled: true, size: 24 }, encoding: { y: { ...y, field: 'mean' } } },
      ],
    });
  }
  const rows = firstSeedRuns(view.runs).flatMap((run) =>
    run.evals.flatMap((point) => [
      { label: run.label, split: 'train', x: toX(point.iteration), accuracy: point.trainAccuracy },
      { label: run.label, split: 'test', x: toX(point.iteration), accuracy: point.testAccuracy },
    ]),
  );
  return arrange(view, { text: `${view.name}: accuracy`, subtitle: 'solid: train, dashed: test' }, rows, {
    encoding: { x },
    layer: [
      { mark: { type: 'line', strokeWidth: 2 }, encoding: { y: { ...y, field: 'accuracy' }, strokeDash: SPLIT_DASH } },
      { mark: { type: 'point', filled: true, size: 24 }, encoding: { y: { ...y, field: 'accuracy' } } },
    ],
  });
}

/** Which recorded activations a histogram figure shows. */
export type SnapshotChoice = 'first' | 'last';

function snapshotLayers(run: RunResult, choice: SnapshotChoice): { iteration: number | null; layers: LayerStats[] } {
  const snapshot = choice === 'first' ? run.snapshots[0] : run.snapshots[run.snapshots.length - 1];
  if (snapshot) return snapshot;
  return { iteration: null, layers: run.layers };
}

/**
 * Per-layer activation histograms, a row per label and a column per hidden layer (the book's figure):
 * at the first recorded point, or at the last. `null` when no run recorded activations.
 */
export function histogramChart(view: ExperimentView, choice: SnapshotChoice): TopLevelSpec | null {
  const runs = firstSeedRuns(view.runs);
  const labels = labelsOf(runs);
  const rows: object[] = [];
  const iterations = new Set<number | null>();
  const layerNames: string[] = [];
  for (const run of runs) {
    const { iteration, layers } = snapshotLayers(run, choice);
    iterations.add(iteration);
    for (const layer of layers) {
      // Columns are layer positions: runs with different activations name their layers differently.
      const column = `layer ${layer.index + 1}`;
      if (!layerNames.includes(column)) layerNames.push(column);
      layer.histogram.counts.forEach((count, i) => {
        rows.push({ label: run.label, layer: column, x0: layer.histogram.edges[i], x1: layer.histogram.edges[i + 1], count });
      });
    }
  }
  if (rows.length === 0) return null;
  const only = iterations.size === 1 ? [...iterations][0] : undefined;
  const when = only === null ? 'one forward pass' : only === undefined ? `${choice} evaluation` : `iteration ${only}`;
  return asSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${view.name}: activations per hidden layer`, subtitle: `distribution of each layer's outputs (${when})` },
    config: CONFIG,
    data: { values: rows },
    facet: {
      row: { field: 'label', type: 'nominal', sort: labels, header: { title: null, labelAngle: 0, labelAlign: 'left', labelOrient: 'left', labelLimit: 240, labelFontSize: 12 } },
      column: { field: 'layer', type: 'nominal', sort: layerNames, header: { title: null, labelFontWeight: 'normal', labelFontSize: 11 } },
    },
    spec: {
      width: 120,
      height: 70,
      mark: { type: 'rect', opacity: 0.85, stroke: 'white', strokeWidth: 0.3 },
      encoding: {
        x: { field: 'x0', type: 'quantitative', title: null, scale: { zero: false, nice: false }, axis: { tickCount: 3, labelFontSize: 9 } },
        x2: { field: 'x1' },
        y: { field: 'count', type: 'quantitative', title: null, axis: { tickCount: 3, labelFontSize: 9 } },
        y2: { datum: 0 },
        color: colorEncoding(labels, false),
      },
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  });
}

/** Standard deviation of each hidden layer's activations over training, a panel per label. `null` below two snapshots. */
export function activationSpreadChart(view: ExperimentView): TopLevelSpec | null {
  const runs = firstSeedRuns(view.runs).filter((run) => run.snapshots.length >= 2);
  if (runs.length === 0) return null;
  const perEpoch = view.iterationsPerEpoch;
  const rows = runs.flatMap((run) =>
    run.snapshots.flatMap((snapshot) =>
      snapshot.layers.map((layer) => ({
        label: run.label,
        layer: `layer ${layer.index + 1}`,
        x: perEpoch ? snapshot.iteration / perEpoch : snapshot.iteration,
        std: layer.std,
      })),
    ),
  );
  return asSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${view.name}: activation spread over training`, subtitle: 'standard deviation of each hidden layer’s outputs' },
    config: CONFIG,
    data: { values: rows },
    facet: { field: 'label', type: 'nominal', sort: labelsOf(runs), header: { title: null } },
    columns: Math.min(runs.length, 4),
    spec: {
      width: 190,
      height: 130,
      mark: { type: 'line', point: true, strokeWidth: 1.8 },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: perEpoch ? 'epochs' : 'iterations' },
        y: { field: 'std', type: 'quantitative', title: 'std of activations' },
        color: { field: 'layer', type: 'ordinal', title: 'hidden layer', scale: { scheme: 'viridis' } },
      },
    },
  });
}
