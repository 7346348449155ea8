import { readFileSync } from 'node:fs';
import { createRng } from '@initlab/tensor';
import { BatchNormalization, MultiLayerNet } from '@initlab/layers';
import { describe, expect, it } from 'vitest';
import { checkResults, claimsFor, getPreset, groups, type Check, type RunResult } from '../src/index.js';
import { BATCHNORM_SCALES, batchNormLabel } from '../src/config/presets-batchnorm.js';
import type { ExperimentConfig } from '../src/config/config.js';
import { trainedRun } from './claim-runs.js';

const SEEDS = [0, 1, 2];
const fixture = JSON.parse(readFileSync(new URL('./fixtures/logspace-fixture.json', import.meta.url), 'utf8')) as {
  scales: number[];
};

describe('book-batchnorm preset', () => {
  it('has the book’s 16 scales, bit for bit as np.logspace(0, -4, num=16) computes them', () => {
    expect(BATCHNORM_SCALES).toEqual(fixture.scales);
    for (const [k, scale] of BATCHNORM_SCALES.entries()) {
      expect(Object.is(scale, fixture.scales[k])).toBe(true);
      // The formula they come from, to within the last bit (V8's `**` misses NumPy's pow by one at k = 3 and 15).
      expect(Math.abs(scale - 10 ** ((-4 * k) / 15)) / scale).toBeLessThan(3e-16);
    }
  });

  it('runs them with and without batch norm, in the book’s settings, and joins the book group', () => {
    const preset = getPreset('book-batchnorm') as ExperimentConfig;
    expect(preset.base).toMatchObject({
      hiddenSizes: [100, 100, 100, 100, 100],
      activation: 'relu',
      optimizer: { name: 'sgd', lr: 0.01 },
      batchSize: 100,
      iterations: 200,
      trainSubset: 1000,
      evaluation: { every: 10 },
    });
    expect(preset.seeds).toEqual(SEEDS);
    const runs = preset.runs ?? [];
    expect(runs).toHaveLength(32);
    expect(runs.slice(0, 4)).toEqual([
      { label: 'w=1 + BN', initializer: { name: 'normal', std: 1 }, batchNorm: true },
      { label: 'w=1', initializer: { name: 'normal', std: 1 }, batchNorm: false },
      { label: 'w=0.541 + BN', initializer: { name: 'normal', std: 0.5411695265464637 }, batchNorm: true },
      { label: 'w=0.541', initializer: { name: 'normal', std: 0.5411695265464637 }, batchNorm: false },
    ]);
    expect(new Set(runs.map((run) => run.label)).size).toBe(32);
    expect(runs.at(-1)?.label).toBe('w=0.0001');
    expect(groups.book.experiments.map((experiment) => experiment.name)).toContain('book-batchnorm');
  });

  it('puts the book’s batch norm (γ = 1, β = 0, momentum 0.9) after every hidden Affine, before its ReLU', () => {
    const net = new MultiLayerNet({
      inputSize: 784,
      hiddenSizes: [100, 100, 100, 100, 100],
      outputSize: 10,
      activation: 'relu',
      initializer: { name: 'normal', std: 0.01 },
      rng: createRng(0),
      batchNorm: true,
    });
    const kinds = net.layers.map((layer) => layer.name.replace(/\d+$/, ''));
    expect(kinds).toEqual([...Array.from({ length: 5 }, () => ['Affine', 'BatchNorm', 'Relu']).flat(), 'Affine']);
    const norms = net.layers.filter((layer): layer is BatchNormalization => layer instanceof BatchNormalization);
    for (const norm of norms) {
      expect(norm.momentum).toBe(0.9);
      expect(Array.from(norm.gamma).every((value) => value === 1)).toBe(true);
      expect(Array.from(norm.beta).every((value) => value === 0)).toBe(true);
    }
  });
});

/** A run of the preset ending at `final` train accuracy, or diverged at iteration `divergedAt`. */
function run(seed: number, index: number, batchNorm: boolean, final: number | { divergedAt: number }): RunResult {
  const label = batchNormLabel(BATCHNORM_SCALES[index], batchNorm);
  if (typeof final === 'number') {
    return trainedRun('book-batchnorm', label, seed, 200, 10, {
      loss: () => (final > 0.2 ? 0.5 : Math.log(10)),
      accuracy: (iteration) => 0.1 + ((final - 0.1) * iteration) / 200,
    });
  }
  const diverged = trainedRun('book-batchnorm', label, seed, final.divergedAt, 10, {
    loss: (iteration) => 10 ** (5 * iteration),
    accuracy: () => 0.09,
  });
  return { ...diverged, status: 'diverged', divergedAt: final.divergedAt, evals: diverged.evals.slice(0, 1) };
}

/** Final train accuracies as the book’s figure has them (seed 0 of the real preset, rounded). */
const BOOK_BN = [0.47, 0.54, 0.69, 0.84, 0.92, 0.97, 0.99, 1, 1, 1, 1, 0.77, 0.8, 0.79, 0.71, 0.52];
const BOOK_PLAIN: (number | { divergedAt: number })[] = [
  { divergedAt: 3 },
  { divergedAt: 4 },
  0.96,
  0.88,
  0.27,
  ...Array.from({ length: 11 }, () => 0.12),
];

function bookBatchNorm(
  change: { bn?: (typeof BOOK_PLAIN)[number][]; plain?: (typeof BOOK_PLAIN)[number][]; seeds?: number[] } = {},
): RunResult[] {
  const bn = change.bn ?? BOOK_BN;
  const plain = change.plain ?? BOOK_PLAIN;
  return (change.seeds ?? SEEDS).flatMap((seed) =>
    BATCHNORM_SCALES.flatMap((_, index) => [run(seed, index, true, bn[index]), run(seed, index, false, plain[index])]),
  );
}

function verdicts(checks: Check[]): Record<string, string> {
  return Object.fromEntries(checks.map((check) => [check.id, check.verdict]));
}

const ALL_HOLD = {
  'bn-ahead-at-most-scales': 'holds',
  'bn-learns-at-every-scale': 'holds',
  'no-bn-fails-at-small-w': 'holds',
  'no-bn-learns-in-a-narrow-band': 'holds',
  'no-bn-diverges-at-large-w': 'holds',
};

describe('book-batchnorm claims', () => {
  it('hold on results like the book’s figure, in every seed', () => {
    const checks = checkResults({ runs: bookBatchNorm() });
    expect(checks.map((check) => check.id)).toEqual(claimsFor('book-batchnorm').map((claim) => claim.id));
    expect(verdicts(checks)).toEqual(ALL_HOLD);
    expect(checks[0].seeds.map((seed) => seed.seed)).toEqual(SEEDS);
    expect(checks[0].seeds[0].values).toEqual({ 'scales where BN is ahead': 14 });
    expect(checks[1].seeds[0].values['lowest final train accuracy with BN']).toBeCloseTo(0.47, 12);
    expect(checks[4].seeds[0].values).toEqual({
      'iteration at which w=1 diverged': 3,
      'iterations trained (w=1 + BN)': 200,
      'iteration at which w=0.541 diverged': 4,
      'iterations trained (w=0.541 + BN)': 200,
    });
  });

  it('fail when batch norm makes no difference (BN runs that learn like the plain ones)', () => {
    const checks = checkResults({ runs: bookBatchNorm({ bn: BOOK_PLAIN }) });
    expect(verdicts(checks)).toMatchObject({
      'bn-ahead-at-most-scales': 'fails',
      'bn-learns-at-every-scale': 'fails',
      'no-bn-diverges-at-large-w': 'fails',
    });
    // A diverged run has no final accuracy: it counts as −∞, recorded as null.
    expect(checks[1].seeds[0].values['lowest final train accuracy with BN']).toBeNull();
  });

  it('fail when BN stalls at one small scale, or the plain net learns at one', () => {
    const bn = [...BOOK_BN];
    bn[15] = 0.12;
    expect(verdicts(checkResults({ runs: bookBatchNorm({ bn }) }))).toEqual({
      ...ALL_HOLD,
      'bn-learns-at-every-scale': 'fails',
    });
    const plain = [...BOOK_PLAIN];
    plain[5] = 0.25;
    const checks = checkResults({ runs: bookBatchNorm({ plain }) });
    expect(verdicts(checks)['no-bn-fails-at-small-w']).toBe('fails');
    expect(checks[2].seeds[0].values['final train accuracy (w=0.0464)']).toBe(0.25);
  });

  it('fail when no scale learns without BN, or too many do', () => {
    const none = BOOK_PLAIN.map((value) => (typeof value === 'number' ? 0.12 : value));
    expect(verdicts(checkResults({ runs: bookBatchNorm({ plain: none }) }))['no-bn-learns-in-a-narrow-band']).toBe(
      'fails',
    );
    const many = BOOK_PLAIN.map((value, index) => (index >= 2 && index < 7 ? 0.8 : value));
    const checks = checkResults({ runs: bookBatchNorm({ plain: many }) });
    expect(verdicts(checks)['no-bn-learns-in-a-narrow-band']).toBe('fails');
    expect(checks[3].seeds[0].values['scales learned without BN']).toBe(5);
  });

  it('fail when w = 1 or 0.541 trains without BN, or diverges with it', () => {
    const plain = [0.12, ...BOOK_PLAIN.slice(1)];
    expect(verdicts(checkResults({ runs: bookBatchNorm({ plain }) }))['no-bn-diverges-at-large-w']).toBe('fails');
    const plainMiddle = [BOOK_PLAIN[0], 0.3, ...BOOK_PLAIN.slice(2)];
    const trained = checkResults({ runs: bookBatchNorm({ plain: plainMiddle }) });
    expect(verdicts(trained)['no-bn-diverges-at-large-w']).toBe('fails');
    expect(trained[4].seeds[0].values['iteration at which w=0.541 diverged']).toBeNull();
    const bn = [{ divergedAt: 7 }, ...BOOK_BN.slice(1)];
    const checks = checkResults({ runs: bookBatchNorm({ bn }) });
    expect(verdicts(checks)['no-bn-diverges-at-large-w']).toBe('fails');
    expect(checks[4].seeds[0].values['iterations trained (w=1 + BN)']).toBeNull();
  });

  it('are not applicable without the runs they need, or when the runs are shorter than the preset’s', () => {
    const withoutSmallest = bookBatchNorm().filter((one) => one.label !== 'w=0.0001');
    expect(verdicts(checkResults({ runs: withoutSmallest }))).toEqual({
      'bn-ahead-at-most-scales': 'n/a',
      'bn-learns-at-every-scale': 'n/a',
      'no-bn-fails-at-small-w': 'n/a',
      'no-bn-learns-in-a-narrow-band': 'n/a',
      'no-bn-diverges-at-large-w': 'holds',
    });
    const short = bookBatchNorm().map((one) =>
      one.status === 'diverged' ? one : { ...one, iterations: 100, loss: one.loss.slice(0, 100) },
    );
    expect(Object.values(verdicts(checkResults({ runs: short })))).toEqual(['n/a', 'n/a', 'n/a', 'n/a', 'n/a']);
  });
});
