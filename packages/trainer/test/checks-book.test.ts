import { describe, expect, it } from 'vitest';
import { checkResults, claimsFor, type Check, type RunResult } from '../src/index.js';
import { histogramRun, stepAccuracy, stepLoss, trainedRun } from './claim-runs.js';

const SEEDS = [0, 1, 2];

function verdicts(checks: Check[]): Record<string, string> {
  return Object.fromEntries(checks.map((check) => [check.id, check.verdict]));
}

/** book-compare as the book shows it: std=0.01 flat at ln 10 and at chance, He well ahead of Xavier. */
function bookCompare(overrides: { he?: Parameters<typeof trainedRun>[5]; seeds?: number[] } = {}): RunResult[] {
  return (overrides.seeds ?? SEEDS).flatMap((seed) => [
    trainedRun('book-compare', 'std=0.01', seed, 2000, 469, {
      loss: () => Math.log(10) - 0.001,
      accuracy: () => 0.1135,
    }),
    trainedRun('book-compare', 'Xavier', seed, 2000, 469, {
      loss: stepLoss(400, 0.32),
      accuracy: stepAccuracy(938, 0.91),
    }),
    trainedRun(
      'book-compare',
      'He',
      seed,
      2000,
      469,
      overrides.he ?? { loss: stepLoss(100, 0.23), accuracy: stepAccuracy(469, 0.935) },
    ),
  ]);
}

describe('book-compare claims', () => {
  it('hold on results like the book’s, in every seed', () => {
    const checks = checkResults({ runs: bookCompare() });
    expect(checks.map((check) => check.id)).toEqual(claimsFor('book-compare').map((claim) => claim.id));
    expect(Object.values(verdicts(checks))).toEqual(['holds', 'holds', 'holds']);
    expect(checks[0].seeds.map((seed) => seed.seed)).toEqual(SEEDS);
    expect(checks[0].seeds[0].values['final test accuracy (std=0.01)']).toBe(0.1135);
  });

  it('fail when He is scaled like Xavier', () => {
    const checks = checkResults({
      runs: bookCompare({ he: { loss: stepLoss(400, 0.32), accuracy: stepAccuracy(938, 0.91) } }),
    });
    expect(verdicts(checks)).toEqual({
      'small-std-does-not-learn': 'holds',
      'he-leads-xavier-loss': 'fails',
      'he-ends-ahead': 'fails',
    });
    const failed = checks[1].seeds[0];
    expect(failed.values['loss over iterations 1–500 (He)']).toBeCloseTo(
      failed.values['loss over iterations 1–500 (Xavier)']!,
      12,
    );
  });

  it('fail when std=0.01 learns after all (σ ignored)', () => {
    const runs = bookCompare().map((run) =>
      run.label === 'std=0.01'
        ? {
            ...trainedRun('book-compare', 'std=0.01', run.seed, 2000, 469, {
              loss: stepLoss(400, 0.32),
              accuracy: stepAccuracy(938, 0.91),
            }),
          }
        : run,
    );
    expect(verdicts(checkResults({ runs }))['small-std-does-not-learn']).toBe('fails');
  });

  it('are not applicable without the runs they need, or when the runs are shorter than the preset’s', () => {
    const withoutHe = bookCompare().filter((run) => run.label !== 'He');
    expect(verdicts(checkResults({ runs: withoutHe }))).toEqual({
      'small-std-does-not-learn': 'holds',
      'he-leads-xavier-loss': 'n/a',
      'he-ends-ahead': 'n/a',
    });
    const short = bookCompare().map((run) => ({ ...run, iterations: 300, loss: run.loss.slice(0, 300) }));
    expect(Object.values(verdicts(checkResults({ runs: short })))).toEqual(['n/a', 'n/a', 'n/a']);
    const interrupted = bookCompare().map((run) =>
      run.label === 'He' && run.seed === 1 ? { ...run, status: 'interrupted' as const } : run,
    );
    const check = checkResults({ runs: interrupted })[2];
    expect(check.verdict).toBe('holds');
    expect(check.seeds.map((seed) => seed.verdict)).toEqual(['holds', 'n/a', 'holds']);
  });

  it('count a diverged run as a result: it loses the comparisons it is in, with null for its loss', () => {
    const diverged = bookCompare().map((run) => {
      if (run.label !== 'He') return run;
      const loss = [...run.loss.slice(0, 99), NaN];
      return {
        ...run,
        status: 'diverged' as const,
        divergedAt: 100,
        iterations: 100,
        loss,
        evals: run.evals.slice(0, 1),
      };
    });
    const checks = checkResults({ runs: diverged });
    expect(verdicts(checks)).toEqual({
      'small-std-does-not-learn': 'holds',
      'he-leads-xavier-loss': 'fails',
      'he-ends-ahead': 'fails',
    });
    expect(checks[2].seeds[0].values['loss over the last 100 iterations (He)']).toBeNull();
  });

  it('pick runs by label, not by position: a file with its labels swapped fails', () => {
    const swapped = bookCompare().map((run) => ({
      ...run,
      label: run.label === 'He' ? 'Xavier' : run.label === 'Xavier' ? 'He' : run.label,
    }));
    expect(verdicts(checkResults({ runs: swapped.reverse() }))['he-ends-ahead']).toBe('fails');
  });
});

/** book-histogram as the book shows it (stds and saturated shares close to those measured over seeds 0–4). */
function bookHistogram(broken: { heLikeXavier?: boolean; scaleIgnored?: boolean } = {}): RunResult[] {
  const xavierRelu = [0.58, 0.41, 0.31, 0.23, 0.16];
  return SEEDS.flatMap((seed) => [
    histogramRun(
      'sigmoid + std=1',
      seed,
      [0.45, 0.44, 0.44, 0.44, 0.44],
      broken.scaleIgnored ? [0, 0, 0, 0, 0] : [0.64, 0.49, 0.52, 0.5, 0.49],
    ),
    histogramRun(
      'sigmoid + std=0.01',
      seed,
      broken.scaleIgnored ? [0.21, 0.12, 0.13, 0.12, 0.12] : [0.025, 0.012, 0.013, 0.012, 0.012],
    ),
    histogramRun('sigmoid + Xavier', seed, [0.21, 0.12, 0.13, 0.12, 0.12]),
    histogramRun(
      'ReLU + std=0.01',
      seed,
      broken.scaleIgnored ? xavierRelu : [0.058, 0.0041, 0.00031, 0.000023, 0.0000016],
    ),
    histogramRun('ReLU + Xavier', seed, xavierRelu),
    histogramRun('ReLU + He', seed, broken.heLikeXavier ? xavierRelu : [0.83, 0.82, 0.9, 0.95, 1.0]),
  ]);
}

describe('book-histogram claims', () => {
  it('hold on histograms like the book’s', () => {
    const checks = checkResults({ runs: bookHistogram() });
    expect(checks).toHaveLength(6);
    for (const check of checks) expect(check.verdict, check.id).toBe('holds');
    expect(
      checks.find((check) => check.id === 'relu-he-keeps-layers-alike')!.seeds[0].values['largest ÷ smallest'],
    ).toBeCloseTo(1 / 0.82, 12);
  });

  it('fail when He is scaled like Xavier', () => {
    const checks = verdicts(checkResults({ runs: bookHistogram({ heLikeXavier: true }) }));
    expect(checks['relu-he-keeps-layers-alike']).toBe('fails');
    expect(checks['relu-xavier-shrinks']).toBe('holds');
  });

  it('fail when σ is ignored (σ = 1 and 0.01 look like Xavier)', () => {
    const checks = verdicts(checkResults({ runs: bookHistogram({ scaleIgnored: true }) }));
    expect(checks).toMatchObject({
      'sigmoid-large-saturates': 'fails',
      'sigmoid-small-collapses': 'fails',
      'relu-small-dies-out': 'fails',
    });
    expect(checks['sigmoid-xavier-spreads']).toBe('holds');
  });

  it('are not applicable to a run replaced by --initializers', () => {
    const runs = bookHistogram().filter((run) => run.label !== 'ReLU + He');
    const checks = verdicts(checkResults({ runs }));
    expect(checks['relu-he-keeps-layers-alike']).toBe('n/a');
    expect(checks['relu-xavier-shrinks']).toBe('holds');
  });
});
