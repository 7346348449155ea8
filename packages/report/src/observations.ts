/** Sentences measured from the results, so the report's claims are this run's numbers, not fixed text. */
import type { Aggregate, RunResult } from '@initlab/trainer';
import { ACCURACY_TARGET, finiteLoss, firstSeedRuns } from './model.js';
import { smoothCurve } from './smooth.js';

/** Smoothed training loss that counts as "clearly learning" in the loss sentence. */
export const LOSS_TARGET = 1;

/** One label's curves: the mean over its seeds when several ran, else its single run. */
interface LabelCurves {
  label: string;
  /** Smoothed loss; index i is the loss of iteration i + 1. */
  loss: number[];
  testAccuracy: { iteration: number; value: number }[];
}

function curvesOf(
  runs: readonly RunResult[],
  aggregates: readonly Aggregate[],
): { curves: LabelCurves[]; seeds: number } {
  let seeds = 1;
  const curves = firstSeedRuns(runs).map((run) => {
    const { label } = run;
    const aggregate = aggregates.find((entry) => entry.label === label);
    if (aggregate && aggregate.seeds.length > 1) {
      seeds = Math.max(seeds, aggregate.seeds.length);
      return {
        label,
        loss: smoothCurve(finiteLoss(aggregate.loss.mean)),
        testAccuracy: aggregate.testAccuracy.x.map((iteration, i) => ({
          iteration,
          value: aggregate.testAccuracy.mean[i],
        })),
      };
    }
    return {
      label,
      loss: smoothCurve(finiteLoss(run.loss)),
      testAccuracy: run.evals.map((point) => ({ iteration: point.iteration, value: point.testAccuracy })),
    };
  });
  return { curves, seeds };
}

function meanOver(seeds: number): string {
  return seeds > 1 ? ` (mean over ${seeds} seeds)` : '';
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** "w=1, diverged at iteration 3" (the iterations of every seed that diverged), or undefined when none did. */
function divergence(runs: readonly RunResult[], label: string): string | undefined {
  const at = runs.filter((run) => run.label === label && run.status === 'diverged').map((run) => run.divergedAt);
  return at.length > 0 ? `${label}, diverged at iteration ${at.join(', ')}` : undefined;
}

/** "Here, the smoothed loss first fell below 1.0 at iteration: He 149, Xavier 457; never: std=0.01 (ends at 2.30)." */
export function lossObservation(runs: readonly RunResult[], aggregates: readonly Aggregate[]): string | undefined {
  const { curves, seeds } = curvesOf(runs, aggregates);
  const trained = curves.filter((curve) => curve.loss.length > 0);
  if (trained.length === 0) return undefined;
  const crossed = trained
    .map((curve) => ({ label: curve.label, iteration: curve.loss.findIndex((value) => value < LOSS_TARGET) + 1 }))
    .filter((entry) => entry.iteration > 0)
    .sort((a, b) => a.iteration - b.iteration);
  const never = trained.filter((curve) => !crossed.some((entry) => entry.label === curve.label));
  const target = LOSS_TARGET.toFixed(1);
  const parts: string[] = [];
  if (crossed.length > 0) {
    parts.push(
      `the smoothed loss${meanOver(seeds)} first fell below ${target} at iteration ${crossed.map((entry) => `${entry.iteration} (${entry.label})`).join(', ')}`,
    );
  }
  if (never.length > 0) {
    const ends = never.map(
      (curve) =>
        divergence(runs, curve.label) ?? `${curve.label}, ending at ${curve.loss[curve.loss.length - 1].toFixed(2)}`,
    );
    parts.push(`never below ${target}: ${ends.join('; ')}`);
  }
  return `Here, ${parts.join('; ')}.`;
}

/** "Here, test accuracy reached 90% at iteration: …; never: …. Final test accuracy: …." */
export function accuracyObservation(runs: readonly RunResult[], aggregates: readonly Aggregate[]): string | undefined {
  const { curves, seeds } = curvesOf(runs, aggregates);
  const measured = curves.filter((curve) => curve.testAccuracy.length > 0);
  if (measured.length === 0) return undefined;
  const target = `${ACCURACY_TARGET * 100}%`;
  const reached = measured
    .map((curve) => ({ label: curve.label, point: curve.testAccuracy.find((point) => point.value >= ACCURACY_TARGET) }))
    .filter(
      (entry): entry is { label: string; point: { iteration: number; value: number } } => entry.point !== undefined,
    )
    .sort((a, b) => a.point.iteration - b.point.iteration);
  const never = measured
    .filter((curve) => !reached.some((entry) => entry.label === curve.label))
    .map((curve) => curve.label);
  const parts: string[] = [];
  if (reached.length > 0) {
    parts.push(
      `test accuracy${meanOver(seeds)} reached ${target} at iteration ${reached.map((entry) => `${entry.point.iteration} (${entry.label})`).join(', ')}`,
    );
  }
  if (never.length > 0) parts.push(`never reached ${target}: ${never.join(', ')}`);
  // A label whose runs diverged has no final accuracy: it is named last, as diverged.
  const finals = [...measured]
    .map((curve) => ({
      label: curve.label,
      value: divergence(runs, curve.label) ? -1 : curve.testAccuracy[curve.testAccuracy.length - 1].value,
    }))
    .sort((a, b) => b.value - a.value)
    .map((entry) => `${entry.label} ${entry.value < 0 ? 'diverged' : percent(entry.value)}`);
  return `Here, ${parts.join('; ')}. Final test accuracy: ${finals.join(', ')}.`;
}
