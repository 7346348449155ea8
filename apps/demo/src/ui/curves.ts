import { smoothCurve } from '@initlab/report';
import { band } from '@initlab/trainer';
import type { LiveRun } from '../live-run';
import type { Curve, LegendEntry } from './line-chart';

/** The runs of one label (its seeds), as the report groups them. */
interface LabelGroup {
  name: string;
  colour: string;
  runs: LiveRun[];
}

function groupsOf(runs: LiveRun[]): LabelGroup[] {
  const groups = new Map<string, LabelGroup>();
  for (const run of runs) {
    const key = JSON.stringify([run.experiment, run.label]);
    const group = groups.get(key);
    if (group) group.runs.push(run);
    else groups.set(key, { name: run.name.replace(/ · seed \d+$/, ''), colour: run.colour, runs: [run] });
  }
  return [...groups.values()];
}

/** A run's loss so far: every iteration once it is done (x from 1), the sampled losses while it trains. */
function lossOf(run: LiveRun): { x: number[]; y: number[] } {
  const loss = run.result?.loss;
  return loss ? { x: loss.map((_, i) => i + 1), y: loss } : { x: run.lossX, y: run.lossY };
}

function evalsOf(run: LiveRun, pick: 'testAccuracy' | 'trainAccuracy'): { x: number[]; y: number[] } {
  const evals = run.result?.evals ?? run.evals;
  return { x: evals.map((e) => e.iteration), y: evals.map((e) => e[pick]) };
}

/** One legend entry per label (seeds share their label's colour). */
export function legendOf(runs: LiveRun[]): LegendEntry[] {
  return groupsOf(runs).map((group) => ({ label: group.name, colour: group.colour, dashed: false }));
}

/**
 * The loss chart as the report draws it: per label the smoothed mean over seeds (bold) over the faint raw mean,
 * in a band of the smoothed mean ± the smoothed standard deviation (the report's `smoothCurve` and the
 * trainer's `band`); with `singleSeeds`, every run's own raw curve instead.
 */
export function lossCurves(runs: LiveRun[], singleSeeds: boolean): Curve[] {
  if (singleSeeds) return runs.map((run) => ({ label: run.name, colour: run.colour, ...lossOf(run) }));
  return groupsOf(runs).flatMap((group) => {
    const stats = band(group.runs.map(lossOf));
    const mean = smoothCurve(stats.mean);
    const std = smoothCurve(stats.std);
    const { name: label, colour } = group;
    const spread =
      group.runs.length > 1
        ? { lower: mean.map((m, i) => m - std[i]), upper: mean.map((m, i) => m + std[i]) }
        : undefined;
    return [
      { label: `${label} raw`, colour, x: stats.x, y: stats.mean, width: 1, faint: true },
      { label, colour, x: stats.x, y: mean, width: 2.5, band: spread },
    ];
  });
}

/**
 * The accuracy chart: per label the mean over seeds of test (solid) and train (dashed) accuracy, each in its
 * min–max band over seeds; with `singleSeeds`, every run's own two curves.
 */
export function accuracyCurves(runs: LiveRun[], singleSeeds: boolean): Curve[] {
  if (singleSeeds) {
    return runs.flatMap((run) => [
      { label: `${run.name} test`, colour: run.colour, ...evalsOf(run, 'testAccuracy') },
      { label: `${run.name} train`, colour: run.colour, ...evalsOf(run, 'trainAccuracy'), dashed: true },
    ]);
  }
  return groupsOf(runs).flatMap((group) =>
    (['testAccuracy', 'trainAccuracy'] as const).map((pick) => {
      const stats = band(group.runs.map((run) => evalsOf(run, pick)));
      return {
        label: `${group.name} ${pick === 'testAccuracy' ? 'test' : 'train'}`,
        colour: group.colour,
        x: stats.x,
        y: stats.mean,
        dashed: pick === 'trainAccuracy',
        band: group.runs.length > 1 ? { lower: stats.min, upper: stats.max } : undefined,
      };
    }),
  );
}
