import { describe, expect, it } from 'vitest';
import { denseContext, getInitializer } from '@initlab/initializers';
import { createRng } from '@initlab/tensor';
import {
  checkResults,
  claimsFor,
  groups,
  metricsFor,
  presets,
  type Check,
  type LayerStats,
  type RunResult,
} from '../src/index.js';
import { trainedRun } from './claim-runs.js';

const SEEDS = [0, 1, 2];

function verdicts(checks: Check[]): Record<string, string> {
  return Object.fromEntries(checks.map((check) => [check.id, check.verdict]));
}

/** Layers with these activation and gradient stds (the histograms play no part in the claims). */
function layers(activationStds: number[], gradientStds: number[]): LayerStats[] {
  const histogram = { edges: [-1, 1], counts: [1] };
  return activationStds.map((std, index) => ({
    index,
    name: `layer ${index + 1} (tanh)`,
    mean: 0,
    std,
    histogram,
    saturated: 0,
    gradient: { mean: 0, std: gradientStds[index], histogram },
  }));
}

interface GlorotRun {
  activations: number[];
  gradients: number[];
  loss: (iteration: number) => number;
  /** Test accuracy at every evaluation after iteration 0. */
  accuracy: number;
}

/** Each layer a factor `ratio` of the one before, from `first`. */
const geometric = (first: number, ratio: number) => Array.from({ length: 5 }, (_, k) => first * ratio ** k);

/** The paper's picture (seed 0 of a real run): standard shrinks by about 0.58 per layer, normalized stays level. */
const STANDARD: GlorotRun = {
  activations: geometric(0.18, 0.58),
  gradients: geometric(1.8e-6, 1.75),
  loss: (iteration) => (iteration < 400 ? 2.28 : 0.45),
  accuracy: 0.84,
};
const NORMALIZED: GlorotRun = {
  activations: [0.28, 0.26, 0.25, 0.23, 0.22],
  gradients: [3.1e-5, 3.4e-5, 3.6e-5, 3.8e-5, 4.0e-5],
  loss: (iteration) => (iteration < 50 ? 2.3 : 0.33),
  accuracy: 0.88,
};

function glorotBengio(overrides: { standard?: Partial<GlorotRun>; normalized?: Partial<GlorotRun> } = {}): RunResult[] {
  return SEEDS.flatMap((seed) =>
    (['standard', 'normalized'] as const).map((label) => {
      const shape = { ...(label === 'standard' ? STANDARD : NORMALIZED), ...overrides[label] };
      const run = trainedRun('glorot-bengio', label, seed, 2000, 500, {
        loss: shape.loss,
        accuracy: (iteration) => (iteration === 0 ? 0.1 : shape.accuracy),
      });
      const initial = layers(shape.activations, shape.gradients);
      return { ...run, activation: 'tanh', snapshots: [{ iteration: 0, layers: initial }], layers: initial };
    }),
  );
}

describe('glorot-bengio', () => {
  it('compares U[−1/√fanIn, 1/√fanIn] (kaimingUniform, a = √5) with glorotUniform on 784-1000×5-10 tanh', () => {
    const preset = presets['glorot-bengio'];
    expect(preset.base).toMatchObject({
      hiddenSizes: [1000, 1000, 1000, 1000, 1000],
      activation: 'tanh',
      optimizer: { name: 'sgd', lr: 0.01 },
      batchSize: 10,
      iterations: 2000,
      evaluation: { statsSamples: 1000, statsSplit: 'train' },
    });
    expect(preset.runs!.map((run) => run.label)).toEqual(['standard', 'normalized']);
    expect(preset.runs![1].initializer).toBe('glorotUniform');
  });

  it('its standard initialization draws uniformly from [−1/√fanIn, 1/√fanIn]', () => {
    const [fanIn, fanOut] = [784, 1000];
    const standard = getInitializer(presets['glorot-bengio'].runs![0].initializer as never);
    const weights = standard.init(denseContext(fanIn, fanOut, createRng(0)));
    const limit = 1 / Math.sqrt(fanIn);
    let [largest, squares] = [0, 0];
    for (const weight of weights) {
      largest = Math.max(largest, Math.abs(weight));
      squares += weight * weight;
    }
    // Of 784 000 uniform draws the largest |w| misses the bound by a fraction ~1/784 000 of it.
    expect(largest).toBeLessThanOrEqual(limit * (1 + 1e-6));
    expect(largest).toBeGreaterThan(limit * (1 - 1e-4));
    // Variance limit²/3; the mean of w² has std limit²·√(4/45)/√n over n draws: 5σ.
    const n = weights.length;
    expect(Math.abs(squares / n - limit ** 2 / 3)).toBeLessThan((5 * limit ** 2 * Math.sqrt(4 / 45)) / Math.sqrt(n));
  });

  it('its claims hold on results like the paper’s, in every seed', () => {
    const checks = checkResults({ runs: glorotBengio() });
    expect(checks.map((check) => check.id)).toEqual(claimsFor('glorot-bengio').map((claim) => claim.id));
    expect(Object.values(verdicts(checks))).toEqual(checks.map(() => 'holds'));
    expect(checks[0].seeds.map((seed) => seed.seed)).toEqual(SEEDS);
  });

  it('fail when the standard initialization keeps the layers alike (scaled like the normalized one)', () => {
    const checks = checkResults({ runs: glorotBengio({ standard: NORMALIZED }) });
    expect(verdicts(checks)).toMatchObject({
      'standard-activations-shrink': 'fails',
      'standard-gradients-shrink-towards-input': 'fails',
      'normalized-keeps-layers-alike': 'holds',
      'normalized-learns-first': 'fails',
      'normalized-ends-ahead': 'fails',
    });
  });

  it('fail to find the normalized initialization ahead at the end when both end alike', () => {
    const checks = checkResults({ runs: glorotBengio({ standard: { loss: NORMALIZED.loss, accuracy: 0.88 } }) });
    expect(verdicts(checks)).toMatchObject({ 'normalized-learns-first': 'fails', 'normalized-ends-ahead': 'fails' });
    const closeAccuracy = checkResults({ runs: glorotBengio({ standard: { accuracy: 0.875 } }) });
    expect(verdicts(closeAccuracy)['normalized-ends-ahead']).toBe('fails');
  });

  it('fail when the normalized initialization lets the signal shrink, or has no gradients recorded', () => {
    const shrinking = checkResults({ runs: glorotBengio({ normalized: { activations: geometric(0.3, 0.85) } }) });
    expect(verdicts(shrinking)['normalized-keeps-layers-alike']).toBe('fails');
    const growing = checkResults({ runs: glorotBengio({ normalized: { gradients: geometric(1e-5, 1.2) } }) });
    expect(verdicts(growing)['normalized-keeps-layers-alike']).toBe('fails');
    const none = checkResults({ runs: glorotBengio({ standard: { gradients: STANDARD.gradients.map(() => NaN) } }) });
    expect(verdicts(none)['standard-gradients-shrink-towards-input']).toBe('fails');
  });

  it('fail when only one layer breaks the pattern, and are not applicable to shortened runs', () => {
    const flatStep = [0.18, 0.1, 0.09, 0.05, 0.03];
    expect(verdicts(checkResults({ runs: glorotBengio({ standard: { activations: flatStep } }) }))).toMatchObject({
      'standard-activations-shrink': 'fails',
    });
    const short = glorotBengio().map((run) => ({ ...run, iterations: 100, loss: run.loss.slice(0, 100) }));
    expect(verdicts(checkResults({ runs: short }))).toMatchObject({
      'standard-activations-shrink': 'holds',
      'normalized-learns-first': 'n/a',
      'normalized-ends-ahead': 'n/a',
    });
  });
});

/** A loss of 1 before iteration `learnsAt` (1-based), 0.2 from it on: its learning time is learnsAt + 30 (0-based). */
const learnsAt = (iteration: number | null) => (i: number) => (iteration !== null && i >= iteration ? 0.2 : 1);

/** saxe-orthogonal's runs, each learning at `at(initializer, depth)`. */
function saxe(at: (initializer: 'Gaussian' | 'orthogonal', depth: number) => number | null): RunResult[] {
  return SEEDS.flatMap((seed) =>
    presets['saxe-orthogonal'].runs!.map((spec) => {
      const [initializer, depth] = [spec.label.split(',')[0] as 'Gaussian' | 'orthogonal', spec.hiddenSizes!.length];
      return trainedRun('saxe-orthogonal', spec.label, seed, 1000, 250, {
        loss: learnsAt(at(initializer, depth)),
        accuracy: () => 0.9,
      });
    }),
  );
}

/** The paper's picture: Gaussian learning time grows with depth, orthogonal's hardly. */
const SAXE_LIKE = (initializer: 'Gaussian' | 'orthogonal', depth: number) =>
  initializer === 'Gaussian' ? 60 + 12 * depth : 60 + depth;

describe('saxe-orthogonal', () => {
  it('compares xavier and orthogonal (gain 1) linear nets 784-100×d-10 at d = 2, 8, 16, 32, lr 0.4/(d + 1)', () => {
    const preset = presets['saxe-orthogonal'];
    expect(preset.base).toMatchObject({ activation: 'linear', batchSize: 128, iterations: 1000 });
    expect(preset.runs!.map((run) => [run.label, run.hiddenSizes?.length, run.initializer, run.optimizer])).toEqual(
      [2, 8, 16, 32].flatMap((d) => [
        [`Gaussian, d=${d}`, d, 'xavier', { name: 'sgd', lr: 0.4 / (d + 1) }],
        [`orthogonal, d=${d}`, d, { name: 'orthogonal', gain: 1 }, { name: 'sgd', lr: 0.4 / (d + 1) }],
      ]),
    );
    expect(preset.runs!.every((run) => run.hiddenSizes?.every((size) => size === 100))).toBe(true);
  });

  it('records learningTime: the first t ≥ 49 whose 50-iteration mean loss is below 0.5', () => {
    const [learns, never] = [learnsAt(400), learnsAt(null)].map((loss) =>
      trainedRun('saxe-orthogonal', 'Gaussian, d=2', 0, 1000, 250, { loss, accuracy: () => 0.9 }),
    );
    const { learningTime } = metricsFor('saxe-orthogonal');
    expect(learningTime(learns)).toBe(430);
    expect(learningTime(never)).toBeNull();
  });

  it('its claims hold on results like the paper’s, in every seed', () => {
    const checks = checkResults({ runs: saxe(SAXE_LIKE) });
    expect(checks.map((check) => check.id)).toEqual(claimsFor('saxe-orthogonal').map((claim) => claim.id));
    expect(Object.values(verdicts(checks))).toEqual(checks.map(() => 'holds'));
  });

  it('fail when depth slows neither initialization', () => {
    const checks = checkResults({ runs: saxe(() => 60) });
    expect(Object.values(verdicts(checks))).toEqual(checks.map(() => 'fails'));
  });

  it('fail when orthogonal slows with depth as much as Gaussian, or never learns at d = 32', () => {
    const alike = checkResults({ runs: saxe((_, depth) => 60 + 12 * depth) });
    expect(verdicts(alike)).toEqual({
      'gaussian-slows-with-depth': 'holds',
      'orthogonal-barely-slows': 'fails',
      'orthogonal-learns-first-at-depth': 'fails',
    });
    const never = checkResults({
      runs: saxe((initializer, depth) =>
        initializer === 'orthogonal' && depth === 32 ? null : SAXE_LIKE(initializer, depth),
      ),
    });
    expect(verdicts(never)).toEqual({
      'gaussian-slows-with-depth': 'holds',
      'orthogonal-barely-slows': 'fails',
      'orthogonal-learns-first-at-depth': 'fails',
    });
    expect(never[2].seeds[0].values['learning time (orthogonal, d=32)']).toBeNull();
  });

  it('count a Gaussian net that never learns at d = 32 as slowed, and fail when one depth breaks the order', () => {
    const never = saxe((initializer, depth) =>
      initializer === 'Gaussian' && depth === 32 ? null : SAXE_LIKE(initializer, depth),
    );
    expect(Object.values(verdicts(checkResults({ runs: never })))).toEqual(['holds', 'holds', 'holds']);
    const unordered = saxe((initializer, depth) =>
      initializer === 'Gaussian' && depth === 16 ? 70 : SAXE_LIKE(initializer, depth),
    );
    expect(verdicts(checkResults({ runs: unordered }))['gaussian-slows-with-depth']).toBe('fails');
  });
});

describe('the papers group', () => {
  it('holds the four paper presets, then the two sweeps', () => {
    expect(groups.papers.experiments.map((experiment) => experiment.name)).toEqual([
      'he-deep',
      'glorot-bengio',
      'saxe-orthogonal',
      'lsuv',
      'edge-of-chaos',
      'jacobian-spectrum',
    ]);
  });
});
