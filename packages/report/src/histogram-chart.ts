/** The per-layer histogram figures: a grid of runs × hidden layers, and what each cell prints. */
import type { LayerStats, RunResult } from '@initlab/trainer';
import type { TopLevelSpec } from 'vega-lite';
import { asSpec, CONFIG, type ExperimentView } from './chart-style.js';
import { firstSeedRuns } from './model.js';

export type SnapshotChoice = 'first' | 'last';

/**
 * What a histogram figure shows of each layer: the outputs of its activation, or the gradient dL/ds
 * back-propagated to its pre-activation (`LayerStats.gradient`, where the run recorded it).
 */
export type HistogramQuantity = 'activations' | 'gradients';

function snapshotLayers(run: RunResult, choice: SnapshotChoice): { iteration: number | null; layers: LayerStats[] } {
  const snapshot = choice === 'first' ? run.snapshots[0] : run.snapshots[run.snapshots.length - 1];
  if (snapshot) return snapshot;
  return { iteration: null, layers: run.layers };
}

/** Columns a deep net's figure shows at most, besides each run's last layer (a figure of 30 layers is unreadable). */
export const MAX_LAYER_COLUMNS = 8;

/**
 * The hidden layers (0-based) a figure shows for runs of these depths: all of them up to
 * {@link MAX_LAYER_COLUMNS}; beyond, that many spread evenly over the deepest run (its first and last included),
 * plus every run's last layer, so each row ends at its net's output side.
 */
export function shownLayers(depths: readonly number[]): Set<number> {
  const deepest = Math.max(0, ...depths);
  if (deepest <= MAX_LAYER_COLUMNS) return new Set(Array.from({ length: deepest }, (_, index) => index));
  const shown = new Set<number>();
  for (let i = 0; i < MAX_LAYER_COLUMNS; i++) shown.add(Math.round((i * (deepest - 1)) / (MAX_LAYER_COLUMNS - 1)));
  for (const depth of depths) if (depth > 0) shown.add(depth - 1);
  return shown;
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
  const { counts, below = 0, above = 0 } = layer.histogram;
  const total = counts.reduce((sum, count) => sum + count, 0) + below + above;
  if (total === 0) return [];
  const relu = run.activation === 'relu';
  const zeros = relu ? Math.round(layer.saturated * total) : 0;
  const notes: string[] = [];
  if (relu) notes.push(`${formatShare(zeros / total)} zeros`);
  else if (layer.saturated >= NOTE_THRESHOLD) notes.push(`${formatShare(layer.saturated)} saturated`);
  return bars(layer.histogram, layer.std, total, relu ? 0 : -1, zeros, notes, row, `layer ${layer.index + 1}`);
}

/**
 * The bins of one layer's back-propagated gradients as plotted. Behind a ReLU the gradient is exactly 0 at every
 * inactive unit (the activation's zeros, its `saturated` share): as for the activations, the plotted bin that
 * holds 0 leaves them out and the cell's note gives their share.
 */
function gradientBins(run: RunResult, layer: LayerStats, row: string): Omit<HistogramBinRow, 'rowTop'>[] {
  const { gradient } = layer;
  if (!gradient) return [];
  const { counts, below = 0, above = 0 } = gradient.histogram;
  const total = counts.reduce((sum, count) => sum + count, 0) + below + above;
  if (total === 0) return [];
  const relu = run.activation === 'relu';
  const zeros = relu ? Math.round(layer.saturated * total) : 0;
  const notes = relu ? [`${formatShare(zeros / total)} zeros`] : [];
  return bars(gradient.histogram, gradient.std, total, 0, zeros, notes, row, `layer ${layer.index + 1}`);
}

/** A histogram's bars, `zeros` taken out of the bin that holds `zeroAt` (none when it is outside the range). */
function bars(
  histogram: LayerStats['histogram'],
  std: number,
  total: number,
  zeroAt: number,
  zeros: number,
  notes: string[],
  row: string,
  column: string,
): Omit<HistogramBinRow, 'rowTop'>[] {
  const { edges, counts, below = 0, above = 0 } = histogram;
  if (below / total >= NOTE_THRESHOLD) notes.push(`${formatShare(below / total)} below ${edges[0]}`);
  if (above / total >= NOTE_THRESHOLD) notes.push(`${formatShare(above / total)} above ${edges[edges.length - 1]}`);
  notes.push(`std ${formatStd(std)}`);
  const last = counts.length - 1;
  const zeroBin = edges.findIndex(
    (edge, bin) => bin <= last && edge <= zeroAt && (zeroAt < edges[bin + 1] || bin === last),
  );
  return counts.map((count, bin) => ({
    row,
    layer: column,
    bin,
    x0: edges[bin],
    x1: edges[bin + 1],
    share: Math.max(0, bin === zeroBin ? count - zeros : count) / total,
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
  quantity: HistogramQuantity = 'activations',
): { rows: HistogramBinRow[]; iterations: Set<number | null> } {
  const binsOf = quantity === 'activations' ? layerBins : gradientBins;
  const rows: HistogramBinRow[] = [];
  const iterations = new Set<number | null>();
  const runs = firstSeedRuns(view.runs);
  const shown = shownLayers(runs.map((run) => snapshotLayers(run, choice).layers.length));
  for (const run of runs) {
    const { iteration, layers } = snapshotLayers(run, choice);
    const row = histogramRowLabel(run);
    const bins = layers.filter((layer) => shown.has(layer.index)).flatMap((layer) => binsOf(run, layer, row));
    if (bins.length === 0 && quantity === 'gradients') continue;
    iterations.add(iteration);
    const tallest = bins.reduce((top, bin) => Math.max(top, bin.share), 0);
    const noteLines = bins.reduce((most, bin) => Math.max(most, bin.note.split('\n').length), 0);
    const rowTop = (tallest * CELL.height) / (CELL.height - noteLines * NOTE_LINE - 4);
    for (const bin of bins) rows.push({ ...bin, rowTop });
  }
  return { rows: withEveryCell(rows), iterations };
}

/**
 * `rows` with an empty cell (no bar, a note) for every run × column it has no values for: a shallower net's
 * missing layers, or a layer with nothing recorded. Vega lays a facet's cells out in order, so one missing cell
 * would shift every later cell of the figure into the wrong row.
 */
function withEveryCell(rows: HistogramBinRow[]): HistogramBinRow[] {
  const columns = [...new Set(rows.map((row) => row.layer))];
  const filled = new Set(rows.map((row) => `${row.row}\u0000${row.layer}`));
  const rowTops = new Map(rows.map((row) => [row.row, row.rowTop]));
  const out = [...rows];
  for (const [row, rowTop] of rowTops) {
    for (const layer of columns) {
      if (filled.has(`${row}\u0000${layer}`)) continue;
      out.push({ row, layer, bin: 0, x0: 0, x1: 1, share: 0, rowTop, note: `no values (${layer})` });
    }
  }
  return out;
}

/**
 * Per-layer activation histograms, the book's figure: a row per run (its activation in the row label), a column
 * per hidden layer (`layer 1`, `layer 2`, …, by position, so runs with different activations share columns).
 * Bars are the share of the layer's outputs per bin, each x axis the range the histogram was taken over (its
 * `edges`); the cells of a row share one y range, so the layers of a run compare. At the first recorded point,
 * or at the last. `null` when no run recorded activations.
 */
export function histogramChart(
  view: ExperimentView,
  choice: SnapshotChoice,
  quantity: HistogramQuantity = 'activations',
): TopLevelSpec | null {
  const { rows, iterations } = histogramRows(view, choice, quantity);
  if (rows.length === 0) return null;
  const rowOrder = [...new Set(rows.map((row) => row.row))];
  const columns = [...new Set(rows.map((row) => row.layer))].sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)));
  const only = iterations.size === 1 ? [...iterations][0] : undefined;
  const when = only === null ? 'one forward pass' : only === undefined ? `${choice} evaluation` : `iteration ${only}`;
  const relu = view.runs.some((run) => run.activation === 'relu');
  const gradients = quantity === 'gradients';
  const subtitle = gradients
    ? [
        `share of each layer's dL/ds per bin (${when}; s the pre-activation, L the mean loss); the cells of a row share one scale`,
        ...(relu
          ? ['ReLU: the exact zeros (inactive units) are left out of the bar at 0; the corner gives their share']
          : []),
      ]
    : [
        `share of each layer's outputs per bin (${when}); the cells of a row share one scale`,
        ...(relu ? ['ReLU: the exact zeros are left out of the first bar; the corner gives their share'] : []),
      ];
  const what = gradients ? 'back-propagated gradients' : 'activations';
  const deepest = Math.max(...firstSeedRuns(view.runs).map((run) => snapshotLayers(run, choice).layers.length));
  if (columns.length < deepest)
    subtitle.push(`${columns.length} of ${deepest} hidden layers: evenly spread, and each net's last`);
  return asSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${view.name}: ${what} per hidden layer`, subtitle },
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
