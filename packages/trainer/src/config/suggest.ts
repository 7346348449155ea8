import { didYouMean } from '@initlab/initializers';

/** `" — did you mean 'x'?"` when a close candidate exists, else the list of valid names. */
export function hint(name: string, candidates: readonly string[]): string {
  const question = didYouMean(name, candidates, { limit: 1 });
  if (question !== '') return ` — ${question}`;
  return ` (valid: ${candidates.map((candidate) => `'${candidate}'`).join(', ')})`;
}

/** A value as an error message shows it: strings quoted, objects as JSON, nothing as `nothing`. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  } catch {
    return String(value);
  }
}
