/** saxe-orthogonal's own figure: Saxe et al.'s learning time against depth, one line per initializer. */
import type { RunResult } from '@initlab/trainer';
import type { TopLevelSpec } from 'vega-lite';
import { asSpec, CONFIG, type ExperimentView } from '../chart-style.js';

/** The name of each initializer in the figure: Saxe et al. call `xavier`'s N(0, 1/fanIn) the scaled Gaussian. */
const SERIES_NAMES: Record<string, string> = { xavier: 'Gaussian (xavier)' };

/** One seed's learning time at one depth; `time` is `null` where the run never learned. */
export interface LearningTimePoint {
  initializer: string;
  depth: number;
  seed: number;
  time: number | null;
}

/** One initializer at one depth: the mean over seeds (where every seed learned) and how many never did. */
export interface LearningTimeSummary {
  initializer: string;
  depth: number;
  /** Mean over the seeds; `null` when any seed never learned (a mean without it would flatter the depth). */
  mean: number | null;
  never: number;
  seeds: number;
}

/**
 * Every run's learning time (its `metrics.learningTime`) by initializer and depth (the number of hidden layers
 * in its `config`). Runs without either are left out.
 */
export function learningTimePoints(runs: readonly RunResult[]): LearningTimePoint[] {
  const points: LearningTimePoint[] = [];
  for (const run of runs) {
    const depth = run.config?.hiddenSizes?.length;
    const time = run.metrics?.learningTime;
    if (depth === undefined || time === undefined) continue;
    const initializer = SERIES_NAMES[run.initializer.name] ?? run.initializer.label;
    points.push({ initializer, depth, seed: run.seed, time });
  }
  return points;
}

/** The points summarised per initializer and depth, in the order they first appear. */
export function learningTimeSummaries(points: readonly LearningTimePoint[]): LearningTimeSummary[] {
  const groups = new Map<string, LearningTimePoint[]>();
  for (const point of points) {
    const key = `${point.initializer}\u0000${point.depth}`;
    groups.set(key, [...(groups.get(key) ?? []), point]);
  }
  return [...groups.values()].map((group) => {
    const times = group.flatMap((point) => (point.time === null ? [] : [point.time]));
    const never = group.length - times.length;
    const mean = never === 0 ? times.reduce((sum, time) => sum + time, 0) / times.length : null;
    return { initializer: group[0].initializer, depth: group[0].depth, mean, never, seeds: group.length };
  });
}

/**
 * Learning time against depth (log₂ axis), a colour per initializer: each seed a faint dot, the mean over seeds a
 * line. A seed that never learned is no number: it is drawn as a triangle above the dashed line that marks the
 * end of the run (a row per initializer), with the count of such seeds, and the mean at that depth is left out.
 * Where every seed learned, the y axis ends just above the latest time. `null` without points or iterations.
 */
export function learningTimeChart(view: ExperimentView): TopLevelSpec | null {
  const points = learningTimePoints(view.runs);
  const runLength = Math.max(0, ...view.runs.map((run) => run.config?.iterations ?? run.iterations));
  if (points.length === 0 || runLength === 0) return null;
  const summaries = learningTimeSummaries(points);
  const initializers = [...new Set(points.map((point) => point.initializer))];
  // Each initializer's "never" row at its own height above the end of the run, so that two never overlap.
  const neverLevel = (initializer: string) => Math.round(runLength * (1.08 + 0.1 * initializers.indexOf(initializer)));
  const never = summaries
    .filter((summary) => summary.never > 0)
    .map((summary) => ({ ...summary, time: neverLevel(summary.initializer), text: `never ×${summary.never}` }));
  const latest = Math.max(...points.map((point) => point.time ?? 0));
  const top =
    never.length > 0 ? Math.round(runLength * (1.14 + 0.1 * (initializers.length - 1))) : Math.ceil(latest * 1.1);
  const depths = [...new Set(points.map((point) => point.depth))].sort((a, b) => a - b);
  const color = { field: 'initializer', type: 'nominal', sort: initializers, title: null };
  const x = {
    field: 'depth',
    type: 'quantitative',
    title: 'hidden layers d',
    scale: { type: 'log', base: 2, domain: [depths[0] / 1.3, depths[depths.length - 1] * 1.3], nice: false },
    axis: { values: depths, format: 'd' },
  };
  const y = {
    field: 'time',
    type: 'quantitative',
    title: 'learning time (iterations)',
    scale: { domain: [0, top], nice: false },
    // No numbers above the end of the run: what is drawn there is "never", not a time.
    axis: { labelExpr: `datum.value > ${runLength} ? '' : datum.label` },
  };
  const neverLayers = [
    {
      data: { values: [{ time: runLength }] },
      mark: { type: 'rule', strokeDash: [4, 4], color: '#9aa3ad' },
      encoding: { y: { field: 'time', type: 'quantitative' } },
    },
    {
      data: { values: never },
      mark: { type: 'point', shape: 'triangle-up', filled: true, size: 90 },
      encoding: { x, y, color },
    },
    {
      data: { values: never },
      mark: { type: 'text', dy: -12, fontSize: 10 },
      encoding: { x, y, text: { field: 'text' }, color },
    },
  ];
  return asSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${view.name}: learning time against depth`,
      subtitle: [
        'the first iteration at which the mean loss of the last 50 is below 0.5',
        'dots: seeds; lines: mean over seeds',
        never.length > 0
          ? `▲ above the dashed line (the end of the run, ${runLength} iterations): seeds that never learned`
          : `every seed learned within the run's ${runLength} iterations`,
      ],
    },
    config: CONFIG,
    width: 560,
    height: 300,
    layer: [
      {
        data: { values: points.filter((point) => point.time !== null) },
        mark: { type: 'circle', size: 36, opacity: 0.45 },
        encoding: { x, y, color },
      },
      {
        data: { values: summaries.filter((summary) => summary.mean !== null) },
        mark: { type: 'line', point: { size: 60, filled: true }, strokeWidth: 2.5 },
        encoding: { x, y: { ...y, field: 'mean' }, color },
      },
      ...(never.length > 0 ? neverLayers : []),
    ],
  });
}

/** saxe-orthogonal's figures (a `PresetFigures` of ./index.ts): the learning time against depth. */
export function saxeOrthogonalFigures(view: ExperimentView) {
  return [
    {
      stem: 'learning-time',
      title: 'Learning time against depth',
      lookFor:
        'Saxe et al.: Gaussian nets learn later the deeper they are, orthogonal ones barely slow down. Follow each line from d = 2 to d = 32; a ▲ above the dashed line is a seed that never got its loss below 0.5 (no mean is drawn at that depth).',
      spec: learningTimeChart(view),
    },
  ];
}
