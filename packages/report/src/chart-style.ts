/** What every figure shares: fonts, colours, the view of an experiment a chart draws. */
import type { Aggregate, RunResult } from '@initlab/trainer';
import type { Config, TopLevelSpec } from 'vega-lite';

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

export const CONFIG: Config = {
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
export function asSpec(spec: object): TopLevelSpec {
  return spec as TopLevelSpec;
}

/** At most about `limit` evenly spaced values, the last one always among them. */
export function every<T>(values: readonly T[], limit: number): { value: T; index: number }[] {
  const stride = Math.max(1, Math.ceil(values.length / limit));
  const picked: { value: T; index: number }[] = [];
  for (let i = 0; i < values.length; i += stride) picked.push({ value: values[i], index: i });
  if (values.length > 0 && (values.length - 1) % stride !== 0) {
    picked.push({ value: values[values.length - 1], index: values.length - 1 });
  }
  return picked;
}
