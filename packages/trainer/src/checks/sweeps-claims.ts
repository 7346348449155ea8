/**
 * The claims of the sweep presets, over their grids' cells. edge-of-chaos (Schoenholz et al. 2017): thresholds
 * from cells trained at seeds 0–4 through the train API with the preset's settings (tanh, width 100, SGD lr 0.01,
 * batch 128, 500 steps, σ_b² = 0.05); jacobian-spectrum (Pennington et al. 2017): from its 12 cells at seeds
 * 0–4 (scratch runs of `jacobianCell` on the first 20 training images). Each comment gives the range observed and
 * the margin the threshold leaves.
 */
import type { CellResult, Coordinate, TheoryPoint } from '../results/results.js';
import { decide } from './define.js';
import type { CellClaim, Outcome } from './types.js';

const NOT_APPLICABLE: Outcome = { verdict: 'n/a', values: {} };

/** A cell's metric, or NaN when it was not recorded (not finite). */
function metric(cell: CellResult, name: string): number {
  return cell.metrics[name] ?? Number.NaN;
}

/** A cell's train accuracy; a cell that recorded none (it diverged) learned nothing: 0. */
function trainAccuracy(cell: CellResult): number {
  const value = metric(cell, 'trainAccuracy');
  return Number.isFinite(value) ? value : 0;
}

/** The numeric coordinate `axis` of a cell (NaN when absent or not a number). */
function numeric(cell: CellResult, axis: string): number {
  const value: Coordinate | undefined = cell.coordinates[axis];
  return typeof value === 'number' ? value : Number.NaN;
}

/** 6ξ_c at a cell's σ_w² (Infinity at criticality, where ξ_c is null); undefined when the theory lacks its σ_w². */
function sixXi(cell: CellResult, theory: readonly TheoryPoint[]): number | undefined {
  const point = theory.find((candidate) => candidate.sigmaW2 === numeric(cell, 'sigmaW2'));
  if (!point) return undefined;
  return point.xiC === null ? Number.POSITIVE_INFINITY : 6 * point.xiC;
}

/** `cells` with their 6ξ_c, those the theory covers. */
function withDepthScale(cells: readonly CellResult[], theory: readonly TheoryPoint[]) {
  return cells.flatMap((cell) => {
    const scale = sixXi(cell, theory);
    const depth = numeric(cell, 'depth');
    return scale === undefined || !Number.isFinite(depth) ? [] : [{ cell, depth, scale }];
  });
}

/** The entry of `entries` with the smallest `key` (undefined for none). */
function lowest<T>(entries: readonly T[], key: (entry: T) => number): T | undefined {
  return entries.reduce<T | undefined>(
    (best, entry) => (best === undefined || key(entry) < key(best) ? entry : best),
    undefined,
  );
}

/*
 * Seeds 0–4, train accuracy after 500 steps (6ξ_c from σ_b² = 0.05): at most ½·6ξ_c deep, σ_w² = 1.0 at depth 10
 * (0.46·6ξ_c) 0.828–0.866, 1.25 at 20 (0.49) 0.889–0.901, 1.5 at 40 (0.42) 0.888–0.912, 1.75 at 60 0.861–0.902,
 * 2.0 at 60 (0.40) 0.882–0.902, 2.5 at 30 (0.42) 0.905–0.919, 4.0 at 20 (0.48) 0.873–0.881; at least 1.5·6ξ_c
 * deep, σ_w² = 1.0 at depth 40 (1.83·6ξ_c) 0.113–0.134 (0.1127 is the share of the most common digit: the net
 * answers one class). Between, the boundary is soft and not symmetric: 1.25 at 60 (1.47·6ξ_c) reached 0.238–0.578,
 * while 4.0 at 60 (1.43) stayed at 0.100–0.113 and 3.5 at 60 (1.29) at 0.107–0.113; so "far above" starts at 1.5.
 */
/** "Trains": train accuracy at least this; it leaves 0.33 under the lowest trained cell above (0.828). */
const TRAINS = 0.5;
/** "Near chance": train accuracy at most this; it leaves 0.066 over the highest far-above cell (0.134). */
const NEAR_CHANCE = 0.2;
/** "Well below 6ξ_c": depth at most this share of it; "far above": at least this multiple of it. */
const WELL_BELOW = 0.5;
const FAR_ABOVE = 1.5;

export const edgeOfChaosClaims: CellClaim[] = [
  {
    // The cells checked above are, for each σ_w², the deepest of the default grid within ½·6ξ_c (the hardest).
    id: 'trains-well-below-6xi',
    claim: `Every net at most half as deep as 6ξ_c trains: train accuracy of at least ${TRAINS} after 500 steps.`,
    test: (cells, theory) => {
      const inside = withDepthScale(cells, theory).filter(({ depth, scale }) => depth <= WELL_BELOW * scale);
      const worst = lowest(inside, ({ cell }) => trainAccuracy(cell));
      if (!worst) return NOT_APPLICABLE;
      const accuracy = trainAccuracy(worst.cell);
      return decide(accuracy >= TRAINS, {
        'cells at most ½·6ξ_c deep': inside.length,
        'lowest train accuracy there': accuracy,
        'its σ_w²': numeric(worst.cell, 'sigmaW2'),
        'its depth': worst.depth,
      });
    },
  },
  {
    id: 'chance-far-above-6xi',
    claim: `Nets more than ${FAR_ABOVE} times as deep as 6ξ_c stay near chance: train accuracy at most ${NEAR_CHANCE}.`,
    test: (cells, theory) => {
      const beyond = withDepthScale(cells, theory).filter(({ depth, scale }) => depth >= FAR_ABOVE * scale);
      const best = lowest(beyond, ({ cell }) => -trainAccuracy(cell));
      if (!best) return NOT_APPLICABLE;
      const accuracy = trainAccuracy(best.cell);
      return decide(accuracy <= NEAR_CHANCE, {
        [`cells at least ${FAR_ABOVE}·6ξ_c deep`]: beyond.length,
        'highest train accuracy there': accuracy,
        'its σ_w²': numeric(best.cell, 'sigmaW2'),
        'its depth': best.depth,
      });
    },
  },
  {
    // Seeds 0–4: σ_w² = 1.75 (nearest 1.76) trained at the grid's deepest, 60 (0.861–0.902), as did 2.0; σ_w² = 1.0
    // stopped by 40, 4.0 trained at 20 and not at 60.
    id: 'deepest-at-criticality',
    claim:
      'The σ_w² nearest the critical point (χ₁ = 1) trains at least as deep as any other: the deepest trainable nets lie at the edge of chaos.',
    test: (cells, theory) => {
      const critical = lowest(theory, (point) => Math.abs(Math.log(point.chi1)))?.sigmaW2;
      const deepest = new Map<number, number>();
      for (const cell of cells) {
        const sigmaW2 = numeric(cell, 'sigmaW2');
        const trained = trainAccuracy(cell) >= TRAINS ? numeric(cell, 'depth') : 0;
        deepest.set(sigmaW2, Math.max(deepest.get(sigmaW2) ?? 0, trained));
      }
      if (critical === undefined || !deepest.has(critical)) return NOT_APPLICABLE;
      const atCritical = deepest.get(critical) ?? 0;
      const others = [...deepest].filter(([sigmaW2]) => sigmaW2 !== critical).map(([, depth]) => depth);
      const elsewhere = Math.max(0, ...others);
      return decide(atCritical > 0 && atCritical >= elsewhere, {
        'σ_w² nearest the critical point': critical,
        'deepest depth trained there': atCritical,
        'deepest depth trained at any other σ_w²': elsewhere,
      });
    },
  },
];

/** The cells of one `config` label, by depth. */
function cellsOf(cells: readonly CellResult[], config: string): CellResult[] {
  return cells.filter((cell) => cell.coordinates.config === config);
}

/**
 * Seeds 0–4, tanh-orthogonal: svLog10Std 0.065–0.069 at depth 2, 0.105–0.111 at 8, 0.148–0.155 at 32 and
 * 0.190–0.197 at 128 (svFractionTiny 0 everywhere); a third of a decade leaves 0.10 over the widest.
 */
const ORTHOGONAL_SPREAD = 0.3;
/**
 * Seeds 0–4 at depth 128: svLog10Std of tanh-gaussian 1.600–1.746, of relu-he 1.657–1.748; a decade leaves 0.60
 * (and is five times orthogonal's widest).
 */
const DEEP_SPREAD = 1;
/** Seeds 0–4 at depth 128: svFractionTiny of tanh-gaussian 0.900–0.930, of relu-he 0.951–0.972; 0.75 leaves 0.15. */
const DEEP_TINY = 0.75;
const DEEPEST = 128;

/** The claim that one configuration's spectrum spreads over orders of magnitude at depth 128. */
function spreadsAtDepth(config: string, name: string): CellClaim {
  return {
    id: `${config}-spreads`,
    claim: `${name}: at depth ${DEEPEST} the singular values spread over decades (std of log10 σ at least ${DEEP_SPREAD}) and at least ${DEEP_TINY * 100}% of them are below 10⁻³ of the largest.`,
    test: (cells) => {
      const deep = cellsOf(cells, config).find((cell) => numeric(cell, 'depth') === DEEPEST);
      if (!deep) return NOT_APPLICABLE;
      const spread = metric(deep, 'svLog10Std');
      const tiny = metric(deep, 'svFractionTiny');
      return decide(spread >= DEEP_SPREAD && tiny >= DEEP_TINY, {
        [`svLog10Std at depth ${DEEPEST}`]: spread,
        [`svFractionTiny at depth ${DEEPEST}`]: tiny,
      });
    },
  };
}

export const jacobianSpectrumClaims: CellClaim[] = [
  {
    id: 'orthogonal-stays-tight',
    claim: `Orthogonal tanh keeps its singular values within a fraction of a decade at every depth (std of log10 σ at most ${ORTHOGONAL_SPREAD}): dynamical isometry.`,
    test: (cells) => {
      const orthogonal = cellsOf(cells, 'tanh-orthogonal');
      // A spread not recorded is the widest: the claim then fails on it.
      const widest = lowest(
        orthogonal,
        (cell) =>
          -(Number.isFinite(metric(cell, 'svLog10Std')) ? metric(cell, 'svLog10Std') : Number.POSITIVE_INFINITY),
      );
      if (!widest) return NOT_APPLICABLE;
      const spread = metric(widest, 'svLog10Std');
      return decide(spread <= ORTHOGONAL_SPREAD, {
        'depths measured': orthogonal.length,
        'largest svLog10Std': spread,
        'its depth': numeric(widest, 'depth'),
      });
    },
  },
  spreadsAtDepth('tanh-gaussian', 'Gaussian tanh (σ_w² = 1)'),
  spreadsAtDepth('relu-he', 'He + ReLU'),
];
