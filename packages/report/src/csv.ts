import type { ExperimentResults } from '@initlab/trainer';
import { finiteLoss } from './model.js';
import { smoothCurve } from './smooth.js';

/** Column order of runs.csv. */
export const CSV_COLUMNS = [
  'experiment',
  'label',
  'seed',
  'initializer',
  'activation',
  'status',
  'iteration',
  'loss',
  'trainAccuracy',
  'testAccuracy',
] as const;

function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * runs.csv: one row per run per evaluation point. `loss` is the smoothed loss (the book's smooth_curve) at
 * that iteration — the mini-batch loss alone is too noisy to compare — and empty where none is recorded.
 */
export function toCsv(results: ExperimentResults): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const run of results.runs) {
    const smoothed = smoothCurve(finiteLoss(run.loss));
    for (const point of run.evals) {
      // Evaluations happen after `iteration` updates; the loss of the last of those updates is index iteration − 1.
      const lossIndex = Math.min(point.iteration, smoothed.length) - 1;
      const loss = lossIndex >= 0 ? smoothed[lossIndex] : null;
      const row = [
        run.experiment,
        run.label,
        run.seed,
        run.initializer.label,
        run.activation,
        run.status,
        point.iteration,
        loss,
        point.trainAccuracy,
        point.testAccuracy,
      ];
      lines.push(row.map(field).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
