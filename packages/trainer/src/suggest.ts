/** Levenshtein distance with one rolling row. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The candidate closest to `name` when it is a plausible typo of it (case, `-` and `_` ignored). */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const normalize = (value: string) => value.toLowerCase().replace(/[_\-\s]/g, '');
  const wanted = normalize(name);
  const maxDistance = Math.max(2, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, normalize(candidate));
    if (distance <= maxDistance && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `" — did you mean 'x'?"` when a close candidate exists, else the list of valid names. */
export function hint(name: string, candidates: readonly string[]): string {
  const close = closestName(name, candidates);
  if (close !== undefined) return ` — did you mean '${close}'?`;
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
