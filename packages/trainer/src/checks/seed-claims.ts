/**
 * The claims of the article's presets (784-50-10, SGD lr 0.1, batch 100, 10 000 iterations, an evaluation every
 * 600). Thresholds come from `initlab run seed --seeds 0,1,2,3,4`; each comment gives the range observed over
 * those five seeds and the margin the threshold leaves.
 */
import { defineClaim, decide } from './define.js';
import { CHANCE_LOSS, finalTestAccuracy, iterationLeavingChance, iterationToAccuracy, meanLoss, testAccuracyAt } from './measures.js';
import type { Claim } from './types.js';

/** The presets' length: claims about how runs end or whether they ever get somewhere need all of it. */
const FULL = 10_000;
const TARGET = 0.9;

const SCALE = { large: 'param=1.0', balanced: 'param=0.1', small: 'param=0.01', tiny: 'param=0.001' } as const;

export const seedScaleClaims: Claim[] = [
  defineClaim({
    id: 'large-sigma-starts-high',
    claim: 'σ = 1.0 starts far above ln 10 ≈ 2.30: its saturated sigmoids make confident wrong guesses.',
    runs: { large: SCALE.large },
    minIterations: 20,
    test: ({ large }) => {
      const start = meanLoss(large, 1, 20);
      return decide(start > CHANCE_LOSS + 1, { 'loss over iterations 1–20 (σ = 1.0)': start });
    },
  }),
  defineClaim({
    id: 'smaller-sigma-leaves-chance-later',
    claim: 'The smaller σ, the later the loss leaves ln 10 ≈ 2.30 (guessing): σ = 0.1 first, then σ = 0.01, σ = 0.001 last.',
    runs: { balanced: SCALE.balanced, small: SCALE.small, tiny: SCALE.tiny },
    minIterations: FULL,
    test: ({ balanced, small, tiny }) => {
      const [b, s, t] = [balanced, small, tiny].map((run) => iterationLeavingChance(run, 50, 0.1));
      return decide(b < s && s < t, {
        'iteration leaving ln 10 (σ = 0.1)': b,
        'iteration leaving ln 10 (σ = 0.01)': s,
        'iteration leaving ln 10 (σ = 0.001)': t,
      });
    },
  }),
  defineClaim({
    id: 'balanced-reaches-90-first',
    claim: 'σ = 0.1 reaches 90% test accuracy no later than σ = 1.0 and σ = 0.001.',
    runs: { large: SCALE.large, balanced: SCALE.balanced, tiny: SCALE.tiny },
    minIterations: FULL,
    test: ({ large, balanced, tiny }) => {
      const [l, b, t] = [large, balanced, tiny].map((run) => iterationToAccuracy(run, TARGET));
      return decide(Number.isFinite(b) && b <= l && b <= t, {
        'iteration at 90% (σ = 0.1)': b,
        'iteration at 90% (σ = 1.0)': l,
        'iteration at 90% (σ = 0.001)': t,
      });
    },
  }),
  defineClaim({
    id: 'large-sigma-climbs-slowly',
    claim: 'σ = 1.0 lifts accuracy slowly: after 1200 iterations its test accuracy is below σ = 0.1’s.',
    runs: { large: SCALE.large, balanced: SCALE.balanced },
    minIterations: 1200,
    test: ({ large, balanced }) => {
      const [l, b] = [large, balanced].map((run) => testAccuracyAt(run, 1200));
      return decide(l < b, { 'test accuracy at 1200 (σ = 1.0)': l, 'test accuracy at 1200 (σ = 0.1)': b });
    },
  }),
  defineClaim({
    id: 'final-accuracy',
    claim: 'σ = 0.1 ends ahead of σ = 1.0 in test accuracy.',
    runs: { large: SCALE.large, balanced: SCALE.balanced, small: SCALE.small, tiny: SCALE.tiny },
    minIterations: FULL,
    test: ({ large, balanced, small, tiny }) => {
      const [l, b, s, t] = [large, balanced, small, tiny].map(finalTestAccuracy);
      return decide(b > l, {
        'final test accuracy (σ = 0.1)': b,
        'final test accuracy (σ = 1.0)': l,
        'final test accuracy (σ = 0.01)': s,
        'final test accuracy (σ = 0.001)': t,
      });
    },
  }),
];

const XAVIER = { balanced: 'param=0.1', xavier: 'Xavier' } as const;

export const seedXavierClaims: Claim[] = [
  defineClaim({
    id: 'xavier-loss-ahead',
    claim: 'Xavier’s loss falls slightly sooner than σ = 0.1’s: lower over iterations 1–600.',
    runs: XAVIER,
    minIterations: 600,
    test: ({ balanced, xavier }) => {
      const [b, x] = [balanced, xavier].map((run) => meanLoss(run, 1, 600));
      return decide(x < b, { 'loss over iterations 1–600 (Xavier)': x, 'loss over iterations 1–600 (σ = 0.1)': b });
    },
  }),
  defineClaim({
    id: 'both-end-close',
    claim: 'Both end close together: their final test accuracies differ by less than 1 point.',
    runs: XAVIER,
    minIterations: FULL,
    test: ({ balanced, xavier }) => {
      const [b, x] = [balanced, xavier].map(finalTestAccuracy);
      return decide(Math.abs(x - b) < 0.01, { 'final test accuracy (Xavier)': x, 'final test accuracy (σ = 0.1)': b });
    },
  }),
  defineClaim({
    id: 'xavier-reaches-90-no-later',
    claim: 'Xavier reaches 90% test accuracy no later than σ = 0.1.',
    runs: XAVIER,
    minIterations: FULL,
    test: ({ balanced, xavier }) => {
      const [b, x] = [balanced, xavier].map((run) => iterationToAccuracy(run, TARGET));
      return decide(Number.isFinite(x) && x <= b, { 'iteration at 90% (Xavier)': x, 'iteration at 90% (σ = 0.1)': b });
    },
  }),
];

const HE = { balanced: 'param=0.1 + sigmoid', xavier: 'Xavier + sigmoid', he: 'He + ReLU' } as const;

export const seedHeClaims: Claim[] = [
  defineClaim({
    id: 'he-loss-lowest-at-300',
    claim: 'He + ReLU drops the loss fastest: its loss around iteration 300 (mean over 251–350) is the lowest of the three.',
    runs: HE,
    minIterations: 350,
    test: ({ balanced, xavier, he }) => {
      const [b, x, h] = [balanced, xavier, he].map((run) => meanLoss(run, 251, 350));
      return decide(h < b && h < x, { 'loss at 300 (He + ReLU)': h, 'loss at 300 (Xavier + sigmoid)': x, 'loss at 300 (σ = 0.1 + sigmoid)': b });
    },
  }),
  defineClaim({
    id: 'he-reaches-90-first',
    claim: 'He + ReLU reaches 90% test accuracy no later than either sigmoid net.',
    runs: HE,
    minIterations: FULL,
    test: ({ balanced, xavier, he }) => {
      const [b, x, h] = [balanced, xavier, he].map((run) => iterationToAccuracy(run, TARGET));
      return decide(Number.isFinite(h) && h <= b && h <= x, {
        'iteration at 90% (He + ReLU)': h,
        'iteration at 90% (Xavier + sigmoid)': x,
        'iteration at 90% (σ = 0.1 + sigmoid)': b,
      });
    },
  }),
  defineClaim({
    id: 'he-ends-highest',
    claim: 'He + ReLU ends with the highest test accuracy.',
    runs: HE,
    minIterations: FULL,
    test: ({ balanced, xavier, he }) => {
      const [b, x, h] = [balanced, xavier, he].map(finalTestAccuracy);
      return decide(h > b && h > x, {
        'final test accuracy (He + ReLU)': h,
        'final test accuracy (Xavier + sigmoid)': x,
        'final test accuracy (σ = 0.1 + sigmoid)': b,
      });
    },
  }),
];
