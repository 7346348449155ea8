import { isGroup, mergeRun, type EvalPoint, type Experiment, type RunResult, type Snapshot } from '@initlab/trainer';
import { runColour } from './ui/palette';
import type { SummaryRow } from './ui/summary';

/** A run as the page follows it: sampled losses and every evaluation point while it trains, its result once it is done. */
export interface LiveRun extends SummaryRow {
  label: string;
  experiment: string;
  /** Iterations reached so far. */
  iteration: number;
  /** Losses reported while training (every ~1% of the run); the result's full curve replaces them. */
  lossX: number[];
  lossY: number[];
  /** Evaluation points so far (the result's replace them). */
  evals: EvalPoint[];
  /** Layer statistics at each evaluation point so far. */
  snapshots: Snapshot[];
  backend?: string;
  result?: RunResult;
}

function describe(spec: unknown): string {
  if (typeof spec === 'string') return spec;
  if (Array.isArray(spec)) return spec.map(describe).join(' / ');
  const { name, ...params } = spec as { name: string };
  const list = Object.entries(params).map(([key, value]) => `${key}=${value}`);
  return list.length > 0 ? `${name}(${list.join(', ')})` : name;
}

/**
 * One LiveRun per (experiment, run, seed), in the order of the trainer's `runs[]` (experiment, run, then
 * seed), so a progress report's `runIndex` and a result's index find their run.
 */
export function runsOf(experiment: Experiment): LiveRun[] {
  const parts = isGroup(experiment) ? experiment.experiments : [experiment];
  const runs: LiveRun[] = [];
  const manyExperiments = parts.length > 1;
  let colours = 0;
  for (const part of parts) {
    for (const run of part.runs ?? []) {
      const merged = mergeRun(part.base, run);
      // Seeds of one run share its colour: they are the same curve drawn again.
      const colour = runColour(colours++);
      for (const seed of part.seeds) {
        const seedPart = part.seeds.length > 1 ? ` · seed ${seed}` : '';
        runs.push({
          name: `${manyExperiments ? `${part.name}: ` : ''}${run.label}${seedPart}`,
          label: run.label,
          experiment: part.name,
          seed,
          colour,
          initializer: describe(merged.initializer),
          activation: merged.activation ?? '',
          status: 'queued',
          iterations: (part.kind ?? 'train') === 'histogram' ? 0 : (merged.iterations ?? 0),
          iteration: 0,
          lossX: [],
          lossY: [],
          evals: [],
          snapshots: [],
        });
      }
    }
  }
  return runs;
}
