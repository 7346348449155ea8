import type { RunResult } from '@initlab/trainer';

/** A run as the summary shows it: its result when finished, what is known so far otherwise. */
export interface SummaryRow {
  name: string;
  colour: string;
  seed: number;
  initializer: string;
  activation: string;
  status: string;
  iterations: number;
  result?: RunResult;
  latestLoss?: number;
}

function percent(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '–' : `${(value * 100).toFixed(1)}%`;
}

function number(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(4);
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`;
}

/** Mean of the last few losses: one batch's loss is noisy. */
function finalLoss(loss: number[]): number | undefined {
  const tail = loss.slice(-10);
  return tail.length === 0 ? undefined : tail.reduce((a, b) => a + b, 0) / tail.length;
}

function cell(text: string, numeric = false): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (numeric) td.className = 'num';
  return td;
}

/** Writes one table row per run into `tbody`. */
export function renderSummary(tbody: HTMLTableSectionElement, rows: SummaryRow[]): void {
  tbody.replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement('tr');
      const name = document.createElement('th');
      name.scope = 'row';
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = row.colour;
      swatch.setAttribute('aria-hidden', 'true');
      name.append(swatch, row.name);
      const result = row.result;
      const lastEval = result?.evals.at(-1);
      const status =
        result?.status === 'diverged' ? `diverged at ${result.divergedAt}` : (result?.status ?? row.status);
      tr.append(
        name,
        cell(String(row.seed), true),
        cell(result?.initializer.label ?? row.initializer),
        cell(result?.activation ?? row.activation),
        cell(status),
        cell(String(result?.iterations ?? row.iterations), true),
        cell(number(result ? finalLoss(result.loss) : row.latestLoss), true),
        cell(percent(lastEval?.trainAccuracy), true),
        cell(percent(lastEval?.testAccuracy), true),
        cell(seconds(result?.wallTimeMs)),
        cell(result?.backend ?? '–'),
      );
      return tr;
    }),
  );
}
