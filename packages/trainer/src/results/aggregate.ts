import type { Aggregate, Band, RunResult } from './results.js';

/** Mean, population standard deviation (as `np.std`), min and max of `values` (non-empty). */
export function summarize(values: readonly number[]): { mean: number; std: number; min: number; max: number } {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const mean = sum / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length), min, max };
}

/**
 * One band from several curves given as (x, y) points: at every x that any curve has, the statistics of the
 * curves that have it (`count` says how many — fewer once a run diverged or was interrupted).
 */
export function band(curves: readonly { x: readonly number[]; y: readonly number[] }[]): Band {
  const byX = new Map<number, number[]>();
  for (const curve of curves) {
    curve.x.forEach((x, i) => {
      const values = byX.get(x);
      if (values) values.push(curve.y[i]);
      else byX.set(x, [curve.y[i]]);
    });
  }
  const result: Band = { x: [], mean: [], std: [], min: [], max: [], count: [] };
  for (const x of [...byX.keys()].sort((a, b) => a - b)) {
    const values = byX.get(x)!;
    const { mean, std, min, max } = summarize(values);
    result.x.push(x);
    result.mean.push(mean);
    result.std.push(std);
    result.min.push(min);
    result.max.push(max);
    result.count!.push(values.length);
  }
  return result;
}

/**
 * Aggregates across seeds, one per (experiment, label) in first-seen order. Loss x values are iteration
 * indices (0-based, as `loss[]`); accuracy x values are evaluation iterations. Runs with no evaluation
 * (the histogram experiment) are left out.
 */
export function aggregate(runs: readonly RunResult[]): Aggregate[] {
  const groups = new Map<string, RunResult[]>();
  for (const run of runs) {
    if (run.evals.length === 0 && run.loss.length === 0) continue;
    const key = JSON.stringify([run.experiment, run.label]);
    const group = groups.get(key);
    if (group) group.push(run);
    else groups.set(key, [run]);
  }
  return [...groups.values()].map((group) => {
    const finals = group
      .filter((run) => run.evals.length > 0)
      .map((run) => run.evals[run.evals.length - 1].testAccuracy);
    const evalCurve = (pick: 'trainAccuracy' | 'testAccuracy') =>
      group.map((run) => ({ x: run.evals.map((point) => point.iteration), y: run.evals.map((point) => point[pick]) }));
    return {
      experiment: group[0].experiment,
      label: group[0].label,
      seeds: group.map((run) => run.seed),
      loss: band(group.map((run) => ({ x: run.loss.map((_, i) => i), y: run.loss }))),
      trainAccuracy: band(evalCurve('trainAccuracy')),
      testAccuracy: band(evalCurve('testAccuracy')),
      finalTestAccuracy: finals.length > 0 ? summarize(finals) : { mean: NaN, std: NaN, min: NaN, max: NaN },
    };
  });
}
