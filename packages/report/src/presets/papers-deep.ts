/** The figures of the deep-ReLU paper presets: LSUV's per-layer variance before and after it rescaled the layers. */
import type { RunResult } from '@initlab/trainer';
import type { TopLevelSpec } from 'vega-lite';
import { asSpec, CONFIG, type ExperimentView } from '../chart-style.js';

/** One point of the LSUV figure: a layer's output variance on the LSUV batch, in one seed, before or after. */
export interface LsuvVarianceRow {
  seed: number;
  /** 1-based affine layer; the output layer is the last. */
  layer: number;
  stage: 'before LSUV' | 'after LSUV';
  variance: number;
}

/**
 * The rows of the figure, from every run with an LSUV record. Variances that are not positive and finite cannot
 * sit on the log axis and are left out; so is the "before" of a record written before it was kept.
 */
export function lsuvVarianceRows(runs: readonly RunResult[]): LsuvVarianceRow[] {
  const rows: LsuvVarianceRow[] = [];
  for (const run of runs) {
    for (const [index, layer] of (run.lsuv?.layers ?? []).entries()) {
      const points = [
        { stage: 'before LSUV' as const, variance: layer.varianceBefore },
        { stage: 'after LSUV' as const, variance: layer.variance },
      ];
      for (const { stage, variance } of points) {
        if (variance !== undefined && variance > 0 && Number.isFinite(variance)) {
          rows.push({ seed: run.seed, layer: index + 1, stage, variance });
        }
      }
    }
  }
  return rows;
}

/** Variance of each layer's pre-activation output on the LSUV batch, one line per seed and stage, log scale. */
export function lsuvVarianceChart(view: ExperimentView): TopLevelSpec | null {
  const rows = lsuvVarianceRows(view.runs);
  if (rows.length === 0) return null;
  const layers = Math.max(...rows.map((row) => row.layer));
  return asSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${view.name}: per-layer variance before and after LSUV`,
      subtitle: `variance of each layer’s pre-activation output on the LSUV batch; layer ${layers} is the output layer`,
    },
    config: CONFIG,
    width: 560,
    height: 260,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'rule', strokeDash: [4, 3], color: '#9aa3ad' },
        encoding: { y: { datum: 1 } },
      },
      {
        mark: { type: 'line', point: true, strokeWidth: 1.6, opacity: 0.85 },
        encoding: {
          x: { field: 'layer', type: 'quantitative', title: 'layer', scale: { domain: [1, layers] } },
          y: { field: 'variance', type: 'quantitative', title: 'variance (log scale)', scale: { type: 'log' } },
          color: { field: 'stage', type: 'nominal', title: null, sort: ['before LSUV', 'after LSUV'] },
          detail: { field: 'seed', type: 'nominal' },
          tooltip: [
            { field: 'stage', type: 'nominal' },
            { field: 'seed', type: 'nominal' },
            { field: 'layer', type: 'quantitative' },
            { field: 'variance', type: 'quantitative', format: '.3g' },
          ],
        },
      },
    ],
  });
}

/** lsuv's own figure, beside the standard loss and accuracy curves (a `PresetFigure` of ./index.ts). */
export function lsuvFigures(view: ExperimentView) {
  return [
    {
      stem: 'lsuv-variance',
      title: 'Per-layer variance before and after LSUV',
      lookFor:
        'Before LSUV (the orthogonal network as drawn) the variance roughly halves at every ReLU layer, falling by orders of magnitude by the output; after LSUV every layer, the output layer included, sits within the tolerance of 1 (the dashed line).',
      spec: lsuvVarianceChart(view),
    },
  ];
}
