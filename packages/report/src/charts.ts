/**
 * The one definition of every figure: Vega-Lite specs built from results. The HTML report and the PNG/SVG
 * files both render these, so what a reader sees in either is the same chart.
 */
import type { Aggregate, Band, LayerStats, RunResult } from '@initlab/trainer';
import type { Config, TopLevelSpec } from 'vega-lite';
import { finiteLoss, firstSeedRuns, hasSeedBands, isParameterSweep, labelsOf } from './model.js';
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
const MAX_POINTS_PER_CURVE = 600;
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
          {
            mark: { type: 'area', opacity: 0.2, clip: true },
            encoding: { y: { ...y, field: 'lower' }, y2: { field: 'upper' } },
          },
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
    {
      text: `${view.name}: training loss`,
      subtitle: 'faint: loss of each mini-batch; bold: smoothed (the book’s smooth_curve)',
    },
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
  scale: {
    domain: ['train', 'test'],
    range: [
      [1, 0],
      [5, 3],
    ],
  },
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
    return arrange(
      view,
      { text: `${view.name}: accuracy`, subtitle: 'mean over seeds, band = ± 1 std; solid: train, dashed: test' },
      rows,
      {
        encoding: { x, detail: { field: 'split' } },
        layer: [
          { mark: { type: 'area', opacity: 0.15 }, encoding: { y: { ...y, field: 'lower' }, y2: { field: 'upper' } } },
          { mark: { type: 'line', strokeWidth: 2 }, encoding: { y: { ...y, field: 'mean' }, strokeDash: SPLIT_DASH } },
          { mark: { type: 'point', filled: true, size: 24 }, encoding: { y: { ...y, field: 'mean' } } },
        ],
      },
    );
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

/** Pixel size of one histogram cell. */
const CELL = { width: 130, height: 96 };
/** Height of one line of a cell's note, in pixels (font size 9.5). */
const NOTE_LINE = 11;
/** Gap between a row's label and its first cell, past the y axis labels. */
const ROW_LABEL_GAP = 40;

/** The row label of a run: its label, with the activation added when the label does not name it. */
export function histogramRowLabel(run: RunResult): string {
  const words = run.label.toLowerCase().replace(/[^a-z]+/g, ' ');
  const activation = run.activation.toLowerCase();
  return words.split(' ').includes(activation) ? run.label : `${run.label} · ${run.activation}`;
}

function formatShare(share: number): string {
  const percent = share * 100;
  return `${percent >= 9.95 || percent === 0 ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

function formatStd(std: number): string {
  if (std === 0) return '0';
  return std >= 0.001 ? std.toPrecision(2) : std.toExponential(1);
}

/** Shares below this are too small to mention in a cell's note. */
const NOTE_THRESHOLD = 0.005;

/** One bin as plotted, and the cell's note (carried by its first bin). */
export interface HistogramBinRow {
  row: string;
  layer: string;
  /** Bin index within its histogram. */
  bin: number;
  x0: number;
  x1: number;
  /** Share of the layer's values in this bin (ReLU's first bin without its exact zeros). */
  share: number;
  /**
   * Top of the y range of the bin's row: its tallest bar plus room above for the cells' notes. Every cell of a
   * row gets this range, so the layers of a run compare.
   */
  rowTop: number;
  note: string;
}

/**
 * The bins of one layer as plotted. ReLU sets about half of its outputs to exactly 0; they would tower over
 * the first bin and flatten the shape of the rest, so the plotted first bin leaves them out and the cell's note
 * gives their share (from the layer's `saturated` fraction, which for ReLU counts exactly those zeros).
 */
function layerBins(run: RunResult, layer: LayerStats, row: string): Omit<HistogramBinRow, 'rowTop'>[] {
  const { edges, counts, below = 0, above = 0 } = layer.histogram;
  const total = counts.reduce((sum, count) => sum + count, 0) + below + above;
  if (total === 0) return [];
  const relu = run.activation === 'relu';
  const zeros = relu ? Math.round(layer.saturated * total) : 0;
  const notes: string[] = [];
  if (relu) notes.push(`${formatShare(zeros / total)} zeros`);
  else if (layer.saturated >= NOTE_THRESHOLD) notes.push(`${formatShare(layer.saturated)} saturated`);
  if (below / total >= NOTE_THRESHOLD) notes.push(`${formatShare(below / total)} below ${edges[0]}`);
  if (above / total >= NOTE_THRESHOLD) notes.push(`${formatShare(above / total)} above ${edges[edges.length - 1]}`);
  notes.push(`std ${formatStd(layer.std)}`);
  const column = `layer ${layer.index + 1}`;
  return counts.map((count, bin) => ({
    row,
    layer: column,
    bin,
    x0: edges[bin],
    x1: edges[bin + 1],
    share: Math.max(0, bin === 0 ? count - zeros : count) / total,
    note: notes.join('\n'),
  }));
}

/**
 * The plotted rows of {@link histogramChart}: a row per run (first seed of each label), a column per hidden
 * layer position. Exported for tests.
 */
export function histogramRows(
  view: ExperimentView,
  choice: SnapshotChoice,
): { rows: HistogramBinRow[]; iterations: Set<number | null> } {
  const rows: HistogramBinRow[] = [];
  const iterations = new Set<number | null>();
  for (const run of firstSeedRuns(view.runs)) {
    const { iteration, layers } = snapshotLayers(run, choice);
    iterations.add(iteration);
    const row = histogramRowLabel(run);
    const bins = layers.flatMap((layer) => layerBins(run, layer, row));
    const tallest = bins.reduce((top, bin) => Math.max(top, bin.share), 0);
    const noteLines = bins.reduce((most, bin) => Math.max(most, bin.note.split('\n').length), 0);
    const rowTop = (tallest * CELL.height) / (CELL.height - noteLines * NOTE_LINE - 4);
    for (const bin of bins) rows.push({ ...bin, rowTop });
  }
  return { rows, iterations };
}

/**
 * Per-layer activation histograms, the book's figure: a row per run (its activation in the row label), a column
 * per hidden layer (`layer 1`, `layer 2`, …, by position, so runs with different activations share columns).
 * Bars are the share of the layer's outputs per bin, each x axis the range the histogram was taken over (its
 * `edges`); the cells of a row share one y range, so the layers of a run compare. At the first recorded point,
 * or at the last. `null` when no run recorded activations.
 */
export function histogramChart(view: ExperimentView, choice: SnapshotChoice): TopLevelSpec | null {
  const { rows, iterations } = histogramRows(view, choice);
  if (rows.length === 0) return null;
  const rowOrder = [...new Set(rows.map((row) => row.row))];
  const columns = [...new Set(rows.map((row) => row.layer))].sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)));
  const only = iterations.size === 1 ? [...iterations][0] : undefined;
  const when = only === null ? 'one forward pass' : only === undefined ? `${choice} evaluation` : `iteration ${only}`;
  const relu = view.runs.some((run) => run.activation === 'relu');
  const subtitle = [
    `share of each layer's outputs per bin (${when}); the cells of a row share one scale`,
    ...(relu ? ['ReLU: the exact zeros are left out of the first bar; the corner gives their share'] : []),
  ];
  return asSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${view.name}: activations per hidden layer`, subtitle },
    config: CONFIG,
    data: { values: rows },
    facet: {
      // Row labels are drawn by the first column's cells: Vega places a row header by its estimated text width,
      // which neither the PNG's fonts nor a browser's match, so header labels end ragged.
      row: { field: 'row', type: 'nominal', sort: rowOrder, header: { title: null, labels: false } },
      column: {
        field: 'layer',
        type: 'nominal',
        sort: columns,
        header: { title: null, labelFontWeight: 'normal', labelFontSize: 12 },
      },
    },
    // Flush: cells sit on a fixed grid whatever their axes and labels measure; the spacing leaves room for them.
    bounds: 'flush',
    spacing: { row: 30, column: 40 },
    spec: {
      width: CELL.width,
      height: CELL.height,
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 0.3 },
          encoding: {
            x: {
              field: 'x0',
              type: 'quantitative',
              title: null,
              scale: { zero: false, nice: false },
              axis: { tickCount: 3, labelFontSize: 9, labelFlush: true },
            },
            x2: { field: 'x1' },
            y: {
              field: 'share',
              type: 'quantitative',
              title: null,
              scale: { nice: false },
              axis: { tickCount: 3, labelFontSize: 9, format: '~%' },
            },
            y2: { datum: 0 },
            color: { field: 'row', type: 'nominal', sort: rowOrder, legend: null },
          },
        },
        // Invisible: lifts every cell's y range to its row's tallest bar.
        { mark: { type: 'rule', opacity: 0 }, encoding: { y: { field: 'rowTop', type: 'quantitative' } } },
        {
          transform: [
            {
              filter: {
                and: [
                  { field: 'bin', equal: 0 },
                  { field: 'layer', equal: columns[0] },
                ],
              },
            },
          ],
          mark: {
            type: 'text',
            align: 'right',
            baseline: 'middle',
            x: -ROW_LABEL_GAP,
            y: CELL.height / 2,
            fontSize: 12,
            fontWeight: 'bold',
            color: '#222',
          },
          encoding: { text: { field: 'row' } },
        },
        {
          transform: [{ filter: 'datum.bin === 0' }],
          mark: {
            type: 'text',
            align: 'right',
            baseline: 'top',
            x: CELL.width - 3,
            y: 3,
            fontSize: 9.5,
            lineBreak: '\n',
            color: '#333',
          },
          encoding: { text: { field: 'note' } },
        },
      ],
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
    title: {
      text: `${view.name}: activation spread over training`,
      subtitle: 'standard deviation of each hidden layer’s outputs',
    },
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

/**
 * A group's figure: each experiment's figure of one kind stacked top to bottom, each under its own title (which
 * names the experiment) with its own scales and legend.
 */
export function stackCharts(title: string, parts: readonly TopLevelSpec[]): TopLevelSpec {
  const sections = parts.map((part) => {
    const section: Record<string, unknown> = { ...part };
    delete section.$schema;
    delete section.config;
    return section;
  });
  return asSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, fontSize: 18 },
    config: CONFIG,
    vconcat: sections,
    spacing: 44,
    resolve: {
      scale: { x: 'independent', y: 'independent', color: 'independent', strokeDash: 'independent' },
      legend: { color: 'independent', strokeDash: 'independent' },
    },
  });
}
