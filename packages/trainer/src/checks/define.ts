import type { Claim, CheckValues, Outcome } from './types.js';

/** Types a claim's test by its roles; the result is an ordinary {@link Claim}. */
export function defineClaim<Role extends string>(claim: Claim<Role>): Claim {
  return claim as unknown as Claim;
}

/** An outcome from a comparison. Values that are not finite become `null` ("never", "diverged"), as JSON has no ±∞. */
export function decide(holds: boolean, values: Record<string, number>): Outcome {
  const recorded: CheckValues = {};
  for (const [name, value] of Object.entries(values)) recorded[name] = Number.isFinite(value) ? value : null;
  return { verdict: holds ? 'holds' : 'fails', values: recorded };
}
