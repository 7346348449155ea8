/**
 * @initlab/cli — the `initlab` command. Also usable from code: run the command line, or write the report of
 * results you already have.
 */
export { main } from './main.js';
export type { Io } from './io.js';
export { ExitCode, UsageError, RuntimeFailure } from './errors.js';
// The report lives in @initlab/report (Node and browsers); these names stay here for existing users.
export { writeReport, svgToPng, type WrittenReport } from '@initlab/report/node';
export {
  lossChart,
  accuracyChart,
  histogramChart,
  activationSpreadChart,
  renderSvg,
  smoothCurve,
  toCsv,
  CSV_COLUMNS,
  type ExperimentView,
} from '@initlab/report';
