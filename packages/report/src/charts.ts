/**
 * The one definition of every figure: Vega-Lite specs built from results. The HTML report and the PNG/SVG
 * files both render these, so what a reader sees in either is the same chart.
 */
import type { Band } from '@initlab/trainer';
import type { TopLevelSpec } from 'vega-lite';
import { asSpec, CONFIG, every, type ExperimentView } from './chart-style.js';
import { finiteLoss, firstSeedRuns, hasSeedBands, isParameterSweep, labelsOf } from './model.js';
import { smoothCurve } from './smooth.js';

/** Loss curves longer than this are thinned so the SVG stays light; the smoothing already ran on all points. */
const MAX_POINTS_PER_CURVE = 600;
/** The book plots loss on 0–2.5; a curve above that (a large-σ sigmoid run) raises the top up to this cap. */
const LOSS_AXIS_CAP = 5;

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
