import type { ExperimentResults } from '@initlab/trainer';
import Table from 'cli-table3';
import { ACCURACY_TARGET, experimentNames, runMetrics } from '@initlab/report';

/** The end-of-run table for the terminal: one row per run. */
export function summaryTable(results: ExperimentResults, color: boolean): string {
  const group = experimentNames(results).length > 1;
  const table = new Table({
    head: [
      ...(group ? ['experiment'] : []),
      'label',
      'seed',
      'final loss',
      'test accuracy',
      `iteration to ${ACCURACY_TARGET * 100}%`,
      'status',
    ],
    colAligns: [...(group ? ['left' as const] : []), 'left', 'right', 'right', 'right', 'right', 'left'],
    style: color ? { head: ['bold'], compact: true } : { head: [], border: [], compact: true },
  });
  for (const run of results.runs) {
    const metrics = runMetrics(run);
    table.push([
      ...(group ? [run.experiment] : []),
      run.label,
      String(run.seed),
      metrics.finalLoss === null ? '—' : metrics.finalLoss.toFixed(4),
      metrics.finalTestAccuracy === null ? '—' : `${(metrics.finalTestAccuracy * 100).toFixed(1)}%`,
      metrics.iterationToTarget === null ? 'never' : String(metrics.iterationToTarget),
      run.status === 'diverged' && run.divergedAt !== undefined ? `diverged at ${run.divergedAt}` : run.status,
    ]);
  }
  return table.toString();
}

/** The end-of-run line of a grid, whose cells are too many for a table: how many ended how. */
export function cellsSummary(results: ExperimentResults): string {
  const cells = results.cells ?? [];
  const counts = new Map<string, number>();
  for (const cell of cells) counts.set(cell.status, (counts.get(cell.status) ?? 0) + 1);
  const parts = [...counts].map(([status, count]) => `${count} ${status}`);
  return `${cells.length} cells: ${parts.join(', ') || 'none'}`;
}

/** The summary `run` and `merge` print: the cells' line for a grid, else the table of runs. */
export function resultsSummary(results: ExperimentResults, color: boolean): string {
  return results.cells ? cellsSummary(results) : summaryTable(results, color);
}
