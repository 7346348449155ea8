import { describe, expect, it } from 'vitest';
import { checkResults, claimsFor, type Check, type LayerStats, type LsuvRecord, type RunResult } from '../src/index.js';
import { largestDepartureFromChance } from '../src/checks/papers-deep-claims.js';
import { stepLoss, trainedRun, type Curves } from './claim-runs.js';

const SEEDS = [0, 1, 2];
const CHANCE = Math.log(10);

function verdicts(checks: Check[]): Record<string, string> {
  return Object.fromEntries(checks.map((check) => [check.id, check.verdict]));
}

/** A run that guesses throughout: its loss a hair below ln 10, its accuracy at chance. */
const GUESSING: Curves = { loss: () => CHANCE - 0.001, accuracy: () => 0.1135 };
/** A run that leaves ln 10 at iteration `leaves` for a loss of `floor`, ending at test accuracy `accuracy`. */
const learns = (leaves: number, floor: number, accuracy = 0.9): Curves => ({
  loss: stepLoss(leaves, floor),
  accuracy: () => accuracy,
});
/** Guessing, then from iteration `from` on a loss of `loss`. */
const creeps = (from: number, loss: number): Curves => ({
  loss: (iteration) => (iteration < from ? CHANCE : loss),
  accuracy: () => 0.1135,
});

type HeDeepRole = 'xavier30' | 'he30' | 'xavier10' | 'he10';
const HE_DEEP_LABELS: Record<HeDeepRole, string> = {
  xavier30: 'Xavier, 30 layers',
  he30: 'He, 30 layers',
  xavier10: 'Xavier, 10 layers',
  he10: 'He, 10 layers',
};

/** he-deep as the paper shows it: Xavier at 30 layers guesses, the others learn, He at 10 layers first and best. */
function heDeep(
  overrides: Partial<Record<HeDeepRole, Curves>> = {},
  stds: { xavier?: number; he?: number } = {},
): RunResult[] {
  const curves: Record<HeDeepRole, Curves> = {
    xavier30: GUESSING,
    he30: learns(300, 0.2, 0.92),
    xavier10: learns(700, 0.45, 0.8),
    he10: learns(100, 0.17, 0.93),
    ...overrides,
  };
  return SEEDS.flatMap((seed) =>
    (Object.keys(HE_DEEP_LABELS) as HeDeepRole[]).map((role) => {
      const run = trainedRun('he-deep', HE_DEEP_LABELS[role], seed, 2000, 500, curves[role]);
      const layers = role.endsWith('30') ? 30 : 10;
      const shrink = role.startsWith('xavier') ? (stds.xavier ?? Math.SQRT1_2) : (stds.he ?? 0.99);
      return { ...run, snapshots: [{ iteration: 0, layers: layerStats(layers, shrink) }] };
    }),
  );
}

/** Hidden layers at initialization whose std shrinks by `shrink` per layer from 0.5. */
function layerStats(layers: number, shrink: number): LayerStats[] {
  return Array.from({ length: layers }, (_, index) => ({
    index,
    name: `layer ${index + 1} (relu)`,
    mean: 0,
    std: 0.5 * shrink ** index,
    histogram: { edges: [0, 1], counts: [1] },
    saturated: 0.5,
  }));
}

describe('largestDepartureFromChance', () => {
  it('is the largest distance of a window’s mean loss from ln 10, on either side, up to an iteration', () => {
    const half = trainedRun('x', 'x', 0, 2000, 500, creeps(1001, 2));
    expect(largestDepartureFromChance(half, 100)).toBeCloseTo(CHANCE - 2, 12);
    expect(largestDepartureFromChance(half, 100, 1000)).toBeCloseTo(0, 12);
    expect(largestDepartureFromChance(half, 100, 1050)).toBeCloseTo((50 / 100) * (CHANCE - 2), 12);
    // One iteration 1 above ln 10 moves every window that holds it by 1/100.
    const spike = trainedRun('x', 'x', 0, 2000, 500, { loss: (i) => CHANCE + (i === 700 ? 1 : 0), accuracy: () => 0 });
    expect(largestDepartureFromChance(spike, 100)).toBeCloseTo(0.01, 12);
    expect(largestDepartureFromChance({ ...spike, status: 'diverged' }, 100)).toBe(Infinity);
  });
});

describe('he-deep claims', () => {
  it('hold on results like the paper’s, in every seed', () => {
    const checks = checkResults({ runs: heDeep() });
    expect(checks.map((check) => check.id)).toEqual(claimsFor('he-deep').map((claim) => claim.id));
    for (const check of checks) expect(check.verdict, check.id).toBe('holds');
    expect(checks[0].seeds.map((seed) => seed.seed)).toEqual(SEEDS);
  });

  it('fail when Xavier’s signal does not halve per layer at initialization, or He’s dies out too', () => {
    const halves = checkResults({ runs: heDeep() })[0];
    expect(halves.seeds[0].values['std shrink per layer, geometric mean (Xavier)']).toBeCloseTo(Math.SQRT1_2, 12);
    expect(halves.seeds[0].values['last layer’s std ÷ first’s (Xavier)']).toBeCloseTo(0.5 ** 14.5, 12);
    for (const stds of [{ xavier: 0.9 }, { xavier: 0.5 }, { he: Math.SQRT1_2 }]) {
      expect(verdicts(checkResults({ runs: heDeep({}, stds) }))['xavier-30-signal-halves'], JSON.stringify(stds)).toBe(
        'fails',
      );
    }
    const noSnapshots = heDeep().map((run) => ({ ...run, snapshots: [] }));
    expect(verdicts(checkResults({ runs: noSnapshots }))['xavier-30-signal-halves']).toBe('fails');
  });

  it('allow Xavier at 30 layers to creep a little below ln 10 late, but fail when it trains', () => {
    const late = verdicts(checkResults({ runs: heDeep({ xavier30: creeps(1700, 2.1) }) }));
    expect(late['xavier-30-stalls']).toBe('holds');
    const later = verdicts(checkResults({ runs: heDeep({ xavier30: creeps(1500, 1.9) }) }));
    expect(later['xavier-30-stalls']).toBe('fails');
    const trains = verdicts(checkResults({ runs: heDeep({ xavier30: learns(300, 0.2) }) }));
    expect(trains['xavier-30-stalls']).toBe('fails');
    expect(trains['he-30-trains']).toBe('fails');
  });

  it('fail when He is scaled like Xavier at 30 layers, and at 10', () => {
    const checks = verdicts(checkResults({ runs: heDeep({ he30: GUESSING, he10: learns(700, 0.45, 0.8) }) }));
    expect(checks).toEqual({
      'xavier-30-signal-halves': 'holds',
      'xavier-30-stalls': 'holds',
      'he-30-trains': 'fails',
      'both-10-train': 'holds',
      'he-10-leads-early': 'fails',
      'he-10-ends-ahead': 'fails',
    });
  });

  it('fail when Xavier does not train at 10 layers either', () => {
    const checks = verdicts(checkResults({ runs: heDeep({ xavier10: GUESSING }) }));
    expect(checks['both-10-train']).toBe('fails');
    expect(checks['he-10-leads-early']).toBe('holds');
  });

  it('count a diverged run as failing, and are not applicable to shortened runs', () => {
    const diverged = heDeep().map((run) =>
      run.label === HE_DEEP_LABELS.he30
        ? { ...run, status: 'diverged' as const, loss: [...run.loss.slice(0, 9), NaN] }
        : run,
    );
    const checks = checkResults({ runs: diverged });
    expect(verdicts(checks)['he-30-trains']).toBe('fails');
    expect(checks[2].seeds[0].values['loss over the last 100 iterations (He)']).toBeNull();
    const short = heDeep().map((run) => ({ ...run, iterations: 300, loss: run.loss.slice(0, 300) }));
    expect(Object.values(verdicts(checkResults({ runs: short })))).toEqual([
      'holds',
      'n/a',
      'n/a',
      'n/a',
      'n/a',
      'n/a',
    ]);
  });
});

/** An LSUV record of 21 affine layers: before, the variance halving layer by layer; after, within 0.05 of 1. */
function lsuvRecord(overrides: Partial<{ after: number[]; before: number[] }> = {}): LsuvRecord {
  const before = overrides.before ?? Array.from({ length: 21 }, (_, k) => 0.6 * 0.5 ** k);
  const after = overrides.after ?? before.map((_, k) => 1 + (k % 2 === 0 ? 0.05 : -0.05));
  return {
    samples: 128,
    tolerance: 0.1,
    maxIterations: 10,
    layers: after.map((variance, k) => ({ variance, rescalings: 2, varianceBefore: before[k] })),
  };
}

/** lsuv as the paper shows it: orthogonal guesses, LSUV and He learn. */
function lsuvRuns(
  overrides: Partial<{ orthogonal: Curves; lsuv: Curves; he: Curves; record: LsuvRecord | undefined }> = {},
): RunResult[] {
  const record = 'record' in overrides ? overrides.record : lsuvRecord();
  return SEEDS.flatMap((seed) => [
    trainedRun('lsuv', 'He', seed, 2000, 500, overrides.he ?? learns(100, 0.2)),
    trainedRun('lsuv', 'Orthogonal', seed, 2000, 500, overrides.orthogonal ?? GUESSING),
    { ...trainedRun('lsuv', 'LSUV', seed, 2000, 500, overrides.lsuv ?? learns(100, 0.2)), lsuv: record },
  ]);
}

describe('lsuv claims', () => {
  it('hold on results like the paper’s, in every seed', () => {
    const checks = checkResults({ runs: lsuvRuns() });
    expect(checks.map((check) => check.id)).toEqual(claimsFor('lsuv').map((claim) => claim.id));
    for (const check of checks) expect(check.verdict, check.id).toBe('holds');
    const dies = checks.find((check) => check.id === 'orthogonal-signal-dies-out')!;
    expect(dies.seeds[0].values['last hidden ÷ first']).toBeCloseTo(0.5 ** 19, 12);
  });

  it('fail when plain orthogonal learns, or LSUV does not', () => {
    expect(verdicts(checkResults({ runs: lsuvRuns({ orthogonal: learns(300, 0.4) }) }))).toMatchObject({
      'orthogonal-stays-at-chance': 'fails',
      'lsuv-trains': 'holds',
    });
    expect(verdicts(checkResults({ runs: lsuvRuns({ lsuv: GUESSING }) }))).toMatchObject({
      'orthogonal-stays-at-chance': 'holds',
      'lsuv-trains': 'fails',
    });
  });

  it('fail when He does not train, or ends far from LSUV', () => {
    expect(verdicts(checkResults({ runs: lsuvRuns({ he: GUESSING }) }))['he-trains-too']).toBe('fails');
    const behind = checkResults({ runs: lsuvRuns({ he: learns(100, 0.35) }) });
    expect(verdicts(behind)['he-trains-too']).toBe('fails');
    const { values } = behind.at(-1)!.seeds[0];
    expect(values['loss over the last 100 iterations (He)']).toBeCloseTo(0.35, 12);
    expect(values['loss over the last 100 iterations (LSUV)']).toBeCloseTo(0.2, 12);
  });

  it('fail when a layer was left outside the tolerance (e.g. the output layer skipped)', () => {
    const after = [...Array.from({ length: 20 }, () => 1.02), 3.1];
    const checks = checkResults({ runs: lsuvRuns({ record: lsuvRecord({ after }) }) });
    const unit = checks.find((check) => check.id === 'lsuv-unit-variance')!;
    expect(unit.verdict).toBe('fails');
    expect(unit.seeds[0].values['largest |variance − 1| after LSUV']).toBeCloseTo(2.1, 12);
  });

  it('fail when the signal did not die out before LSUV, or when the run kept no record', () => {
    const flat = lsuvRecord({ before: Array.from({ length: 21 }, () => 0.9) });
    expect(verdicts(checkResults({ runs: lsuvRuns({ record: flat }) }))['orthogonal-signal-dies-out']).toBe('fails');
    const checks = verdicts(checkResults({ runs: lsuvRuns({ record: undefined }) }));
    expect(checks['lsuv-unit-variance']).toBe('fails');
    expect(checks['orthogonal-signal-dies-out']).toBe('fails');
  });
});
