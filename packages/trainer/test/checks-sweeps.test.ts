import { describe, expect, it } from 'vitest';
import {
  checkResults,
  edgeOfChaosTheory,
  sweepPresets,
  type CellResult,
  type Check,
  type Coordinate,
  type ExperimentConfig,
  type TheoryPoint,
} from '../src/index.js';

function cell(
  experiment: string,
  coordinates: Record<string, Coordinate>,
  metrics: Record<string, number | null>,
  seed = 0,
): CellResult {
  return { index: 0, experiment, coordinates, seed, status: 'done', metrics };
}

function verdicts(checks: Check[]): Record<string, string> {
  return Object.fromEntries(checks.map((check) => [check.id, check.verdict]));
}

const EOC = 'edge-of-chaos';
const SIGMAS = [1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0];
const DEPTHS = [10, 20, 30, 40, 50, 60];
// Computed once: the theory of the preset's grid (σ_b² = 0.05).
const theory = edgeOfChaosTheory(sweepPresets[EOC] as unknown as ExperimentConfig);

/** A grid as the paper draws it: nets train (accuracy `trained`) up to 6ξ_c and sit at chance beyond. */
function eocGrid(seed = 0, change: (sigmaW2: number, depth: number) => number | undefined = () => undefined) {
  return SIGMAS.flatMap((sigmaW2) => {
    const xi = theory.find((point) => point.sigmaW2 === sigmaW2)?.xiC ?? Number.POSITIVE_INFINITY;
    return DEPTHS.map((depth) => {
      const accuracy = change(sigmaW2, depth) ?? (depth <= 6 * xi ? 0.86 : 0.11);
      return cell(EOC, { sigmaW2, depth }, { trainAccuracy: accuracy, testAccuracy: accuracy }, seed);
    });
  });
}

describe('edge-of-chaos claims', () => {
  it('hold on a grid that trains only below 6ξ_c, with the numbers they compared', () => {
    const checks = checkResults({ runs: [], cells: eocGrid(), theory });
    expect(verdicts(checks)).toEqual({
      'trains-well-below-6xi': 'holds',
      'chance-far-above-6xi': 'holds',
      'deepest-at-criticality': 'holds',
    });
    // σ_w² = 1.0 (6ξ_c ≈ 21.8) is the only one with cells at 1.5·6ξ_c and beyond: depths 40, 50, 60.
    expect(checks[1].seeds[0].values['cells at least 1.5·6ξ_c deep']).toBe(3);
    expect(checks[2].seeds[0].values).toEqual({
      'σ_w² nearest the critical point': 1.75,
      'deepest depth trained there': 60,
      'deepest depth trained at any other σ_w²': 60,
    });
  });

  it('fail on cells built to break each', () => {
    const shallowFails = eocGrid(0, (s, d) => (s === 1.0 && d === 10 ? 0.3 : undefined));
    const deepTrains = eocGrid(0, (s, d) => (s === 1.0 && d === 60 ? 0.7 : undefined));
    const criticalDies = eocGrid(0, (s, d) => (s === 1.75 && d === 60 ? 0.11 : undefined));
    expect(verdicts(checkResults({ runs: [], cells: shallowFails, theory }))['trains-well-below-6xi']).toBe('fails');
    expect(verdicts(checkResults({ runs: [], cells: deepTrains, theory }))['chance-far-above-6xi']).toBe('fails');
    expect(verdicts(checkResults({ runs: [], cells: criticalDies, theory }))['deepest-at-criticality']).toBe('fails');
  });

  it('decide seed by seed, count a diverged cell as untrained and skip interrupted ones', () => {
    const diverged = eocGrid(1, (s, d) => (s === 2.0 && d === 10 ? Number.NaN : undefined)).map((one) =>
      Number.isNaN(one.metrics.trainAccuracy)
        ? { ...one, status: 'diverged' as const, metrics: { trainAccuracy: null } }
        : one,
    );
    const checks = checkResults({ runs: [], cells: [...eocGrid(0), ...diverged], theory });
    expect(checks[0].verdict).toBe('fails');
    expect(checks[0].seeds.map((seed) => seed.verdict)).toEqual(['holds', 'fails']);
    const interrupted = eocGrid(0).map((one) =>
      one.coordinates.sigmaW2 === 1.0 && one.coordinates.depth === 10
        ? { ...one, status: 'interrupted' as const, metrics: { trainAccuracy: 0.2 } }
        : one,
    );
    expect(checkResults({ runs: [], cells: interrupted, theory })[0].verdict).toBe('holds');
  });

  it('are not applicable without the cells or the theory they need; ξ_c = null counts as infinitely deep', () => {
    const shallow = eocGrid().filter((one) => one.coordinates.depth === 10);
    expect(verdicts(checkResults({ runs: [], cells: shallow, theory }))['chance-far-above-6xi']).toBe('n/a');
    expect(Object.values(verdicts(checkResults({ runs: [], cells: eocGrid() })))).toEqual(['n/a', 'n/a', 'n/a']);
    const critical: TheoryPoint[] = [{ sigmaW2: 1.75, qStar: 0.56, chi1: 1, cStar: 1, xiC: null }];
    const checks = checkResults({
      runs: [],
      cells: eocGrid().filter((one) => one.coordinates.sigmaW2 === 1.75),
      theory: critical,
    });
    expect(checks[0].seeds[0].values['cells at most ½·6ξ_c deep']).toBe(6);
    expect(checks[1].verdict).toBe('n/a');
  });
});

const JACOBIAN = 'jacobian-spectrum';

/** Spectra as the paper describes them: orthogonal tight at every depth, the others spread at depth 128. */
function jacobianGrid(change: (config: string, depth: number) => Record<string, number> | undefined = () => undefined) {
  return ['relu-he', 'tanh-gaussian', 'tanh-orthogonal'].flatMap((config) =>
    [2, 8, 32, 128].map((depth) => {
      const tight = config === 'tanh-orthogonal';
      const metrics = change(config, depth) ?? {
        svLog10Std: tight ? 0.05 + depth / 1000 : 0.5 + depth / 100,
        svFractionTiny: tight ? 0 : Math.min(0.95, depth / 100),
      };
      return cell(JACOBIAN, { config, depth }, metrics);
    }),
  );
}

describe('jacobian-spectrum claims', () => {
  it('hold on spectra like the paper’s', () => {
    expect(verdicts(checkResults({ runs: [], cells: jacobianGrid() }))).toEqual({
      'orthogonal-stays-tight': 'holds',
      'tanh-gaussian-spreads': 'holds',
      'relu-he-spreads': 'holds',
    });
  });

  it('fail on spectra built to break each', () => {
    const wideOrthogonal = jacobianGrid((c, d) =>
      c === 'tanh-orthogonal' && d === 32 ? { svLog10Std: 0.9, svFractionTiny: 0 } : undefined,
    );
    const tightGaussian = jacobianGrid((c, d) =>
      c === 'tanh-gaussian' && d === 128 ? { svLog10Std: 0.3, svFractionTiny: 0.9 } : undefined,
    );
    const fewTinyRelu = jacobianGrid((c, d) =>
      c === 'relu-he' && d === 128 ? { svLog10Std: 1.7, svFractionTiny: 0.1 } : undefined,
    );
    expect(verdicts(checkResults({ runs: [], cells: wideOrthogonal }))['orthogonal-stays-tight']).toBe('fails');
    expect(verdicts(checkResults({ runs: [], cells: tightGaussian }))['tanh-gaussian-spreads']).toBe('fails');
    expect(verdicts(checkResults({ runs: [], cells: fewTinyRelu }))['relu-he-spreads']).toBe('fails');
  });

  it('are not applicable without the depth-128 cells', () => {
    const shallow = jacobianGrid().filter((one) => one.coordinates.depth !== 128);
    expect(verdicts(checkResults({ runs: [], cells: shallow }))).toEqual({
      'orthogonal-stays-tight': 'holds',
      'tanh-gaussian-spreads': 'n/a',
      'relu-he-spreads': 'n/a',
    });
  });
});
