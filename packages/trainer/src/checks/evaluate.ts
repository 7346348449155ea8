import type { CellResult, RunResult, TheoryPoint } from '../results/results.js';
import { presetCellClaims, presetClaims } from './claims.js';
import type { CellClaim, Check, Claim, Outcome, SeedCheck, Verdict } from './types.js';

/** The claims a preset declares (none for config files and unknown names). */
export function claimsFor(experiment: string): readonly Claim[] {
  return Object.hasOwn(presetClaims, experiment) ? presetClaims[experiment] : [];
}

/** The claims a grid preset declares over its cells (none for other presets, config files and unknown names). */
export function cellClaimsFor(experiment: string): readonly CellClaim[] {
  return Object.hasOwn(presetCellClaims, experiment) ? presetCellClaims[experiment] : [];
}

/**
 * Whether a run can decide a claim: it finished (or diverged, which is a result too) and trained at least as
 * long as the claim needs. An interrupted or shortened run says nothing about a claim made for the full length.
 */
function usable(run: RunResult, minIterations: number): boolean {
  if (run.status === 'interrupted') return false;
  return run.status === 'diverged' || run.iterations >= minIterations;
}

function checkSeed(claim: Claim, runs: readonly RunResult[], seed: number): SeedCheck {
  const picked: Record<string, RunResult> = {};
  for (const [role, label] of Object.entries<string>(claim.runs)) {
    const run = runs.find((candidate) => candidate.seed === seed && candidate.label === label);
    if (!run || !usable(run, claim.minIterations)) return { seed, verdict: 'n/a', values: {} };
    picked[role] = run;
  }
  const outcome: Outcome = claim.test(picked);
  return { seed, verdict: outcome.verdict, values: outcome.values };
}

/** The overall verdict from the seeds': any failure fails the claim; it holds when it held wherever it applied. */
export function overallVerdict(seeds: readonly { verdict: Verdict }[]): Verdict {
  if (seeds.some((seed) => seed.verdict === 'fails')) return 'fails';
  return seeds.some((seed) => seed.verdict === 'holds') ? 'holds' : 'n/a';
}

/** Checks `claims` against the runs of one experiment, seed by seed (seeds in ascending order). */
export function checkClaims(experiment: string, runs: readonly RunResult[], claims: readonly Claim[]): Check[] {
  const own = runs.filter((run) => run.experiment === experiment);
  const seeds = [...new Set(own.map((run) => run.seed))].sort((a, b) => a - b);
  return claims.map((claim) => {
    const perSeed = seeds.map((seed) => checkSeed(claim, own, seed));
    return { experiment, id: claim.id, claim: claim.claim, verdict: overallVerdict(perSeed), seeds: perSeed };
  });
}

/**
 * Checks `claims` against the cells of one experiment, seed by seed (seeds in ascending order). An interrupted
 * cell says nothing; each seed's test gets that seed's other cells and the preset's theory.
 */
export function checkCellClaims(
  experiment: string,
  cells: readonly CellResult[],
  theory: readonly TheoryPoint[],
  claims: readonly CellClaim[],
): Check[] {
  const own = cells.filter((cell) => cell.experiment === experiment && cell.status !== 'interrupted');
  const seeds = [...new Set(own.map((cell) => cell.seed))].sort((a, b) => a - b);
  return claims.map((claim) => {
    const perSeed = seeds.map((seed): SeedCheck => {
      const outcome = claim.test(
        own.filter((cell) => cell.seed === seed),
        theory,
      );
      return { seed, verdict: outcome.verdict, values: outcome.values };
    });
    return { experiment, id: claim.id, claim: claim.claim, verdict: overallVerdict(perSeed), seeds: perSeed };
  });
}

/**
 * The `checks[]` of results: every claim of every preset among the results' experiments, checked against its
 * runs, then every cell claim of a grid preset against its cells and `theory`. Experiments without claims
 * (config files) contribute none.
 */
export function checkResults(
  results: { runs: readonly RunResult[]; cells?: readonly CellResult[]; theory?: readonly TheoryPoint[] },
  claimsOf: (experiment: string) => readonly Claim[] = claimsFor,
  cellClaimsOf: (experiment: string) => readonly CellClaim[] = cellClaimsFor,
): Check[] {
  const cells = results.cells ?? [];
  const experiments = [...new Set([...results.runs, ...cells].map((entry) => entry.experiment))];
  return experiments.flatMap((experiment) => [
    ...checkClaims(experiment, results.runs, claimsOf(experiment)),
    ...checkCellClaims(experiment, cells, results.theory ?? [], cellClaimsOf(experiment)),
  ]);
}
