/**
 * The claims of book-batchnorm, the book's Fig. 6-19: 784-100×5-10 ReLU nets at 16 weight scales w, with and
 * without batch normalization, 200 iterations on the first 1000 training images, train accuracy on those 1000.
 * Thresholds come from `initlab run book-batchnorm --seeds 0,1,2,3,4`; each comment gives the range observed
 * over those five seeds and the margin the threshold leaves. A diverged run has no final accuracy: it loses
 * every comparison (−∞, recorded as null).
 */
import { BATCHNORM_SCALES, batchNormLabel } from '../config/presets-batchnorm.js';
import type { RunResult } from '../results/results.js';
import { decide, defineClaim } from './define.js';
import type { Claim } from './types.js';

const FULL = 200;
/**
 * Near chance: a net that answers one class for every image scores at most 11.7% on the first 1000 training
 * images (117 of them are sevens, 116 ones); 20% is twice chance.
 */
const NEAR_CHANCE = 0.2;

/** Train accuracy (on the training subset) at the run's last evaluation; −∞ for a run that diverged. */
export function finalTrainAccuracy(run: RunResult): number {
  if (run.status === 'diverged') return -Infinity;
  return run.evals.at(-1)?.trainAccuracy ?? -Infinity;
}

/** Role names: `bn3` is the BN net at the fourth scale, `plain3` the one without. */
const withBn = (index: number) => `bn${index}`;
const without = (index: number) => `plain${index}`;

/** The roles of every scale (or of the scales `indices`), with and without BN. */
function rolesOf(indices: readonly number[] = BATCHNORM_SCALES.map((_, index) => index)): Record<string, string> {
  return Object.fromEntries(
    indices.flatMap((index) => [
      [withBn(index), batchNormLabel(BATCHNORM_SCALES[index], true)],
      [without(index), batchNormLabel(BATCHNORM_SCALES[index], false)],
    ]),
  );
}

const ALL = BATCHNORM_SCALES.map((_, index) => index);
/** w ≤ 0.05: the eleven smallest scales, 0.0464 … 0.0001. */
const SMALL = ALL.filter((index) => BATCHNORM_SCALES[index] <= 0.05);
/** The two largest scales, w = 1 and 0.541. */
const LARGE = [0, 1];

/** Final train accuracy of the role `role(index)` for each index, as check values named by the run's label. */
function accuracies(
  runs: Readonly<Record<string, RunResult>>,
  indices: readonly number[],
  role: (index: number) => string,
): Record<string, number> {
  return Object.fromEntries(
    indices.map((index) => [
      `final train accuracy (${runs[role(index)].label})`,
      finalTrainAccuracy(runs[role(index)]),
    ]),
  );
}

/** BN's lead in points needed for a scale to count as "BN ahead". */
const LEAD = 0.05;
const AHEAD_AT_LEAST = 12;
const PLAIN_LEARNS = 0.5;

export const bookBatchNormClaims: Claim[] = [
  defineClaim({
    id: 'bn-ahead-at-most-scales',
    // Seeds 0–4: BN ahead at 14 scales in every seed (the bound of 12 leaves 2): by 32–88 points at the 12 smallest
    // (w ≤ 0.0858), and at w = 1 and 0.541 where the plain net diverged; behind at w = 0.293 (by 26–33 points)
    // and w = 0.158 (by 4–8).
    claim: `With batch normalization the final train accuracy is more than ${LEAD * 100} points higher than without at ${AHEAD_AT_LEAST} or more of the 16 weight scales.`,
    runs: rolesOf(),
    minIterations: FULL,
    test: (runs) => {
      const ahead = ALL.filter(
        (index) => finalTrainAccuracy(runs[withBn(index)]) - finalTrainAccuracy(runs[without(index)]) > LEAD,
      ).length;
      return decide(ahead >= AHEAD_AT_LEAST, { 'scales where BN is ahead': ahead });
    },
  }),
  defineClaim({
    id: 'bn-learns-at-every-scale',
    // Seeds 0–4: the lowest final train accuracy with BN over the 16 scales 39.8–46.9% (at w = 1 in four seeds,
    // w = 0.0001 in one; the 30% bound leaves 9.8 points).
    claim:
      'With batch normalization the net learns at every weight scale from w = 1 to 0.0001: its final train accuracy is above 30% (three times chance) at all 16.',
    runs: rolesOf(),
    minIterations: FULL,
    test: (runs) => {
      const values = accuracies(runs, ALL, withBn);
      const lowest = Math.min(...Object.values(values));
      return decide(lowest > 0.3, { 'lowest final train accuracy with BN': lowest });
    },
  }),
  defineClaim({
    id: 'no-bn-fails-at-small-w',
    // Seeds 0–4: final train accuracy without BN at w ≤ 0.05 11.6–11.7% at every one of the 11 scales (each
    // net answers one class; the 20% bound leaves 8.3 points). The next scale, w = 0.0858, ends at 19.6–28.9%.
    claim: `Without batch normalization the nets with w ≤ 0.05 (the eleven smallest scales) do not learn: each ends below ${NEAR_CHANCE * 100}% train accuracy, near chance.`,
    runs: rolesOf(SMALL),
    minIterations: FULL,
    test: (runs) => {
      const values = accuracies(runs, SMALL, without);
      return decide(
        Object.values(values).every((value) => value < NEAR_CHANCE),
        values,
      );
    },
  }),
  defineClaim({
    id: 'no-bn-learns-in-a-narrow-band',
    // Seeds 0–4: 2 scales without BN end above 50% in every seed, w = 0.293 (92.8–98.8%) and w = 0.158
    // (84.7–88.1%); the next best, w = 0.0858, ends at 19.6–28.9% (the bounds 1–4 leave 1 and 2 scales).
    claim: `Without batch normalization only a narrow band of weight scales learns: between 1 and 4 of the 16 end above ${PLAIN_LEARNS * 100}% train accuracy.`,
    runs: rolesOf(),
    minIterations: FULL,
    test: (runs) => {
      const learned = ALL.filter((index) => finalTrainAccuracy(runs[without(index)]) > PLAIN_LEARNS);
      return decide(learned.length >= 1 && learned.length <= 4, {
        'scales learned without BN': learned.length,
        ...accuracies(runs, learned, without),
      });
    },
  }),
  defineClaim({
    id: 'no-bn-diverges-at-large-w',
    // Seeds 0–4: without BN w = 1 diverged at iteration 2–3 and w = 0.541 at 4, in every seed; with BN both
    // trained all 200 iterations.
    claim:
      'At the two largest scales (w = 1 and 0.541) the nets without batch normalization diverge (their loss overflows within the first iterations), while those with it train all 200 iterations.',
    runs: rolesOf(LARGE),
    minIterations: FULL,
    test: (runs) => {
      const values: Record<string, number> = {};
      for (const index of LARGE) {
        const plain = runs[without(index)];
        const bn = runs[withBn(index)];
        values[`iteration at which ${plain.label} diverged`] =
          plain.status === 'diverged' ? (plain.divergedAt ?? 0) : Infinity;
        values[`iterations trained (${bn.label})`] = bn.status === 'done' ? bn.iterations : -Infinity;
      }
      const holds = LARGE.every(
        (index) => runs[without(index)].status === 'diverged' && runs[withBn(index)].status === 'done',
      );
      return decide(holds, values);
    },
  }),
];
