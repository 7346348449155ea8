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
/** Chance on MNIST's ten classes; the first 1000 training images hold 11.6% of their commonest digit. */
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
/** w ≤ 0.01: the eight smallest scales, 0.00736 … 0.0001. */
const SMALL = ALL.filter((index) => BATCHNORM_SCALES[index] <= 0.01);

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
    // Seeds 0–4: BN ahead by more than 5 points at TODO scales (the bound of 12 leaves TODO).
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
    // Seeds 0–4: the lowest final train accuracy with BN over the 16 scales TODO (the 30% bound leaves TODO).
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
    // Seeds 0–4: final train accuracy without BN at w ≤ 0.01 TODO (the 20% bound leaves TODO).
    claim: `Without batch normalization the nets with w ≤ 0.01 (the eight smallest scales) do not learn: each ends below ${NEAR_CHANCE * 100}% train accuracy, near chance.`,
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
    // Seeds 0–4: scales without BN that end above 50%: TODO (the bounds 1–4 leave TODO).
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
    id: 'no-bn-diverges-at-w-1',
    // Seeds 0–4: without BN w = 1 diverged at iteration TODO; with BN it trained all 200 iterations.
    claim:
      'At w = 1 the net without batch normalization diverges (its loss overflows within the first iterations), while the one with it trains all 200 iterations.',
    runs: rolesOf([0]),
    minIterations: FULL,
    test: (runs) => {
      const plain = runs[without(0)];
      const bn = runs[withBn(0)];
      return decide(plain.status === 'diverged' && bn.status === 'done', {
        'iteration at which w = 1 diverged without BN': plain.divergedAt ?? Infinity,
        'iterations trained with BN (w = 1)': bn.status === 'done' ? bn.iterations : -Infinity,
      });
    },
  }),
];
