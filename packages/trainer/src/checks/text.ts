/** Checks in words, the same in the CLI, the report and the demo. */
import type { Check, CheckValues } from './types.js';

function formatValue(value: number | null): string {
  if (value === null) return 'none';
  return Number.isInteger(value)
    ? String(value)
    : value
        .toPrecision(4)
        .replace(/(\.\d*?)0+$/, '$1')
        .replace(/\.$/, '');
}

/** "iteration at 90% (σ = 0.1) = 1800, iteration at 90% (σ = 1.0) = none". */
export function valuesText(values: CheckValues): string {
  return Object.entries(values)
    .map(([name, value]) => `${name} = ${formatValue(value)}`)
    .join(', ');
}

/** What the data showed in the seeds where a claim failed: "seed 1: …; seed 3: …". */
export function failedSeedsText(check: Check): string {
  return check.seeds
    .filter((seed) => seed.verdict === 'fails')
    .map((seed) => `seed ${seed.seed}: ${valuesText(seed.values)}`)
    .join('; ');
}

/** "holds in 3 of 3 seeds", "fails in 1 of 5 seeds", "not applicable": a check's total in words. */
export function checkTotal(check: Check): string {
  const applicable = check.seeds.filter((seed) => seed.verdict !== 'n/a');
  const skipped = check.seeds.length - applicable.length;
  if (applicable.length === 0) return 'not applicable';
  const counted = check.verdict === 'fails' ? 'fails' : 'holds';
  const count = applicable.filter((seed) => seed.verdict === counted).length;
  const seeds = `${count} of ${applicable.length} seed${applicable.length === 1 ? '' : 's'}`;
  return `${counted} in ${seeds}${skipped > 0 ? ` (not applicable in ${skipped})` : ''}`;
}
