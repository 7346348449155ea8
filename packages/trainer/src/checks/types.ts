import type { CellResult, CheckValues, RunResult, TheoryPoint, Verdict } from '../results/results.js';

export type { Check, CheckValues, SeedCheck, Verdict } from '../results/results.js';

/** What a claim's test says about one seed's runs. */
export interface Outcome {
  verdict: Verdict;
  values: CheckValues;
}

/**
 * A finding of a preset, stated as a sentence and checked against the results. `runs` names the runs the test
 * needs by role (`{ he: 'He + ReLU' }`): the test gets them by role, never by position, and the claim is not
 * applicable to a seed where one of them is missing (e.g. after `--initializers`), did not finish, or ran fewer
 * than `minIterations` iterations (e.g. `--iterations 300`).
 */
export interface Claim<Role extends string = string> {
  /** Stable identifier within the preset, e.g. `"he-loss-300"`. */
  id: string;
  /** The sentence the claim supports, as the report prints it when it holds. */
  claim: string;
  /** Role → run label in the preset. */
  runs: Readonly<Record<Role, string>>;
  /** Iterations every needed run must have completed (0 for runs that do not train). */
  minIterations: number;
  /** Decides the claim for one seed's runs, returning the numbers it compared. */
  test(runs: Readonly<Record<Role, RunResult>>): Outcome;
}

/**
 * A finding of a grid preset, checked against its cells (`results.cells`) and the theory it supplies
 * (`results.theory`), one seed at a time: the test gets that seed's finished cells (status `'done'` or
 * `'diverged'`), and returns `n/a` where a cell it needs is missing (a shard not merged, `--seeds` changed).
 */
export interface CellClaim {
  /** Stable identifier within the preset, e.g. `"trains-below-6xi"`. */
  id: string;
  /** The sentence the claim supports, as the report prints it when it holds. */
  claim: string;
  /** Decides the claim for one seed's cells, returning the numbers it compared. */
  test(cells: readonly CellResult[], theory: readonly TheoryPoint[]): Outcome;
}
