import { aggregate } from '../results/aggregate.js';
import { finiteOrNull, metricsFor, withMetrics } from '../results/metrics.js';
import type { CellResult, RunResult } from '../results/results.js';
import type { Job, JobOutput } from './jobs.js';

/** A training run's figures as its cell records them: the final evaluation, the last loss, the preset's run metrics. */
function runMetrics(run: RunResult): Record<string, number | null> {
  if (run.status === 'interrupted') return {};
  const metrics: Record<string, number | null> = {};
  const last = run.evals[run.evals.length - 1];
  if (last) {
    metrics.trainAccuracy = finiteOrNull(last.trainAccuracy);
    metrics.testAccuracy = finiteOrNull(last.testAccuracy);
  }
  if (run.loss.length > 0) metrics.finalLoss = finiteOrNull(run.loss[run.loss.length - 1]);
  for (const [name, metric] of Object.entries(metricsFor(run.experiment))) metrics[name] = finiteOrNull(metric(run));
  return metrics;
}

/** The cell of a grid job, from what it computed. */
export function cellOf(job: Job & { cell: NonNullable<Job['cell']> }, output: JobOutput): CellResult {
  const about = {
    index: job.cell.index,
    experiment: job.experiment,
    coordinates: job.cell.coordinates,
    seed: job.seed,
  };
  if ('kind' in output) {
    const metrics = Object.fromEntries(
      Object.entries(output.metrics).map(([name, value]) => [name, finiteOrNull(value)]),
    );
    return { ...about, status: 'done', metrics, histogram: output.histogram };
  }
  return { ...about, status: output.status, metrics: runMetrics(output) };
}

/**
 * Gathers the jobs' outputs as they arrive, in any order: a grid job's output becomes its cell at once (its curves
 * are dropped: they live in the run store), any other job's run is kept whole. Reads them back in job order.
 */
export class ResultsCollector {
  private readonly runs = new Map<number, RunResult>();
  private readonly cells = new Map<number, CellResult>();

  add(job: Job, output: JobOutput): void {
    if (job.cell) this.cells.set(job.index, cellOf({ ...job, cell: job.cell }, output));
    else this.runs.set(job.index, output as RunResult);
  }

  has(job: Job): boolean {
    return this.runs.has(job.index) || this.cells.has(job.index);
  }

  /** The runs in job order, with their presets' metrics, and their aggregates across seeds. */
  runResults(): { runs: RunResult[]; aggregates: ReturnType<typeof aggregate> } {
    const runs = withMetrics([...this.runs].sort(([a], [b]) => a - b).map(([, run]) => run));
    return { runs, aggregates: aggregate(runs) };
  }

  /** The cells in job order (a grid's order). */
  cellResults(): CellResult[] {
    return [...this.cells].sort(([a], [b]) => a - b).map(([, cell]) => cell);
  }
}
