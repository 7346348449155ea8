import { describe, expect, it } from 'vitest';
import { checkResults, checkTotal, claimsFor, overallVerdict, type Check, type RunResult } from '../src/index.js';
import { stepAccuracy, stepLoss, trainedRun, type Curves } from './claim-runs.js';

const SEEDS = [0, 1, 2];
const LENGTH = 10_000;

function verdicts(checks: Check[]): Record<string, string> {
  return Object.fromEntries(checks.map((check) => [check.id, check.verdict]));
}

function runs(experiment: string, curves: Record<string, Curves>, seeds = SEEDS): RunResult[] {
  return seeds.flatMap((seed) =>
    Object.entries(curves).map(([label, curve]) => trainedRun(experiment, label, seed, LENGTH, 600, curve)),
  );
}

/** seed-scale as measured: σ = 1.0 starts high and climbs slowly; the smaller σ, the later it leaves ln 10. */
const SCALE: Record<string, Curves> = {
  'param=1.0': { loss: stepLoss(0, 0.6, 5), accuracy: stepAccuracy(9600, 0.905, 0.78) },
  'param=0.1': { loss: stepLoss(5, 0.3), accuracy: stepAccuracy(1800, 0.947, 0.899) },
  'param=0.01': { loss: stepLoss(160, 0.3), accuracy: stepAccuracy(1800, 0.946) },
  'param=0.001': { loss: stepLoss(335, 0.3), accuracy: stepAccuracy(2400, 0.944) },
};

describe('seed-scale claims', () => {
  it('hold on results like those measured, with the numbers that decided them', () => {
    const checks = checkResults({ runs: runs('seed-scale', SCALE) });
    expect(checks.map((check) => check.id)).toEqual(claimsFor('seed-scale').map((claim) => claim.id));
    for (const check of checks) expect(check.verdict, check.id).toBe('holds');
    expect(checks[1].seeds[0].values).toEqual({
      'iteration leaving ln 10 (σ = 0.1)': 1,
      'iteration leaving ln 10 (σ = 0.01)': 113,
      'iteration leaving ln 10 (σ = 0.001)': 288,
    });
    expect(checkTotal(checks[0])).toBe('holds in 3 of 3 seeds');
  });

  it('fail when σ is ignored (every run trains like σ = 0.1)', () => {
    const same = Object.fromEntries(Object.keys(SCALE).map((label) => [label, SCALE['param=0.1']]));
    expect(verdicts(checkResults({ runs: runs('seed-scale', same) }))).toEqual({
      'large-sigma-starts-high': 'fails',
      'smaller-sigma-leaves-chance-later': 'fails',
      // Level with the others is "no later than" them.
      'balanced-reaches-90-first': 'holds',
      'large-sigma-climbs-slowly': 'fails',
      'small-sigmas-end-close': 'fails',
    });
  });

  it('record a run that never got there as null, and fail the claim that needs it', () => {
    const never = { ...SCALE, 'param=0.1': { loss: stepLoss(5, 0.3), accuracy: () => 0.89 } };
    const check = checkResults({ runs: runs('seed-scale', never) }).find(
      (entry) => entry.id === 'balanced-reaches-90-first',
    )!;
    expect(check.verdict).toBe('fails');
    expect(check.seeds[0].values['iteration at 90% (σ = 0.1)']).toBeNull();
    expect(checkTotal(check)).toBe('fails in 3 of 3 seeds');
  });

  it('are not applicable to what --iterations 300 leaves, except those that need no more', () => {
    const short = runs('seed-scale', SCALE).map((run) => ({
      ...run,
      iterations: 300,
      loss: run.loss.slice(0, 300),
      evals: run.evals.slice(0, 1),
    }));
    const checks = verdicts(checkResults({ runs: short }));
    expect(checks['large-sigma-starts-high']).toBe('holds');
    expect(Object.values(checks).filter((verdict) => verdict === 'n/a')).toHaveLength(4);
  });
});

const XAVIER: Record<string, Curves> = {
  'param=0.1': { loss: (i) => (i <= 600 ? 1.12 : 0.2), accuracy: stepAccuracy(1800, 0.947) },
  Xavier: { loss: (i) => (i <= 600 ? 1.05 : 0.2), accuracy: stepAccuracy(1200, 0.948) },
};

describe('seed-xavier claims', () => {
  it('hold on results like those measured', () => {
    expect(Object.values(verdicts(checkResults({ runs: runs('seed-xavier', XAVIER) })))).toEqual([
      'holds',
      'holds',
      'holds',
    ]);
  });

  it('fail where Xavier is scaled like σ = 0.1, or learns nothing', () => {
    const likeSigma = verdicts(checkResults({ runs: runs('seed-xavier', { ...XAVIER, Xavier: XAVIER['param=0.1'] }) }));
    expect(likeSigma).toEqual({
      'xavier-loss-ahead': 'fails',
      'xavier-reaches-90-no-later': 'holds',
      'both-end-close': 'holds',
    });
    const stuck = { loss: () => Math.log(10), accuracy: () => 0.11 };
    expect(Object.values(verdicts(checkResults({ runs: runs('seed-xavier', { ...XAVIER, Xavier: stuck }) })))).toEqual([
      'fails',
      'fails',
      'fails',
    ]);
  });
});

const HE: Record<string, Curves> = {
  'param=0.1 + sigmoid': { loss: () => 0.93, accuracy: stepAccuracy(1800, 0.947) },
  'Xavier + sigmoid': { loss: () => 0.85, accuracy: stepAccuracy(1200, 0.948) },
  'He + ReLU': { loss: () => 0.34, accuracy: stepAccuracy(600, 0.97) },
};

describe('seed-he claims', () => {
  it('hold on results like those measured', () => {
    const checks = checkResults({ runs: runs('seed-he', HE) });
    expect(Object.values(verdicts(checks))).toEqual(['holds', 'holds', 'holds']);
    expect(checks[0].seeds[2].values['loss at 300 (He + ReLU)']).toBeCloseTo(0.34, 12);
  });

  it('fail when He is scaled like Xavier', () => {
    const checks = checkResults({ runs: runs('seed-he', { ...HE, 'He + ReLU': HE['Xavier + sigmoid'] }) });
    expect(Object.values(verdicts(checks))).toEqual(['fails', 'fails', 'fails']);
  });

  it('are not applicable after --initializers replaced the runs they compare', () => {
    const replaced = runs('seed-he', { 'xavier + sigmoid': HE['Xavier + sigmoid'], 'he + ReLU': HE['He + ReLU'] });
    const checks = checkResults({ runs: replaced });
    expect(Object.values(verdicts(checks))).toEqual(['n/a', 'n/a', 'n/a']);
    expect(checkTotal(checks[0])).toBe('not applicable');
  });

  it('fail in the seeds where they fail, whatever the others show', () => {
    const mixed = runs('seed-he', HE).map((run) =>
      run.seed === 1 && run.label === 'He + ReLU'
        ? trainedRun('seed-he', 'He + ReLU', 1, LENGTH, 600, HE['Xavier + sigmoid'])
        : run,
    );
    const check = checkResults({ runs: mixed })[0];
    expect(check.seeds.map((seed) => seed.verdict)).toEqual(['holds', 'fails', 'holds']);
    expect(check.verdict).toBe('fails');
    expect(checkTotal(check)).toBe('fails in 1 of 3 seeds');
  });
});

describe('checkResults', () => {
  it('checks every experiment of a group, and nothing for experiments without claims', () => {
    const group = [
      ...runs('seed-xavier', XAVIER, [0]),
      ...runs('seed-he', HE, [0]),
      ...runs('my-experiment', XAVIER, [0]),
    ];
    const checks = checkResults({ runs: group });
    expect([...new Set(checks.map((check) => check.experiment))]).toEqual(['seed-xavier', 'seed-he']);
    expect(checkResults({ runs: runs('my-experiment', XAVIER) })).toEqual([]);
  });

  it('totals seeds: a failure anywhere fails, n/a seeds count for nothing', () => {
    expect(overallVerdict([{ verdict: 'holds' }, { verdict: 'n/a' }])).toBe('holds');
    expect(overallVerdict([{ verdict: 'holds' }, { verdict: 'fails' }])).toBe('fails');
    expect(overallVerdict([{ verdict: 'n/a' }])).toBe('n/a');
    expect(overallVerdict([])).toBe('n/a');
    const partly: Check = {
      experiment: 'x',
      id: 'y',
      claim: 'z',
      verdict: 'holds',
      seeds: [
        { seed: 0, verdict: 'holds', values: {} },
        { seed: 1, verdict: 'n/a', values: {} },
      ],
    };
    expect(checkTotal(partly)).toBe('holds in 1 of 1 seed (not applicable in 1)');
  });
});
