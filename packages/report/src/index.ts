/**
 * @initlab/report — the report of an initlab experiment, in Node and in browsers: Vega-Lite figures (one
 * source for the HTML page, SVG and PNG), the presets' findings with their verdicts, observations measured from
 * the runs, runs.csv and a self-contained report.html. Writing files and PNGs: `@initlab/report/node`.
 */
export { buildReport, type ReportSink } from './build.js';
export { lossChart, accuracyChart, activationSpreadChart, stackCharts } from './charts.js';
export {
  histogramChart,
  histogramRows,
  MAX_LAYER_COLUMNS,
  shownLayers,
  type HistogramBinRow,
  type SnapshotChoice,
} from './histogram-chart.js';
export { CHART_FONT, type ExperimentView } from './chart-style.js';
export { renderSvg } from './render.js';
export { reportHtml, type ReportFigure, type ReportSection } from './html.js';
export { findingsFor, type Findings } from './findings.js';
export { accuracyObservation, lossObservation, LOSS_TARGET } from './observations.js';
export { claimsHtml, CLAIMS_STYLE } from './verdicts.js';
export { smoothCurve } from './smooth.js';
export { toCsv, CSV_COLUMNS } from './csv.js';
export { ACCURACY_TARGET, experimentNames, runMetrics, type RunMetrics } from './model.js';
export { presetFigures, presetFiguresFor, type PresetFigure, type PresetFigures } from './presets/index.js';
export {
  heatmapChart,
  heatmapRows,
  type HeatmapOptions,
  type HeatmapOverlay,
  type HeatmapRow,
  type HeatmapRule,
} from './heatmap-chart.js';
export { spectrumHistogramsChart, spectrumSpreadChart } from './presets/sweeps.js';
