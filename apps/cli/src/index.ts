/**
 * @initlab/cli — the `initlab` command. Also usable from code: run the command line, or write the report of
 * results you already have.
 */
export { main } from './main.js';
export type { Io } from './io.js';
export { ExitCode, UsageError, RuntimeFailure } from './errors.js';
export { writeReport, type WrittenReport } from './report/write.js';
export { lossChart, accuracyChart, histogramChart, activationSpreadChart, type ExperimentView } from './report/charts.js';
export { renderSvg, svgToPng } from './report/render.js';
export { smoothCurve } from './report/smooth.js';
export { toCsv, CSV_COLUMNS } from './report/csv.js';
