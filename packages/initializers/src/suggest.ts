/** Case, `_` and `-` differences should not hide the intended name ('glorot_normal' → 'glorotNormal'). */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, '');
}

/** Levenshtein distance with one rolling row. */
export function editDistance(a: string, b: string): number {
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

/** Shorter names than this match too many candidates as prefixes. */
const MIN_PREFIX = 3;

/**
 * The candidates closest to `name`, best first: those a typo away (about a third of the letters) and those
 * it begins ('kaiming' → 'kaimingNormal', 'kaimingUniform').
 */
export function closestNames(name: string, candidates: readonly string[], limit = 3): string[] {
  const wanted = normalize(name);
  const maxDistance = Math.max(2, Math.floor(wanted.length / 3));
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(wanted, normalize(candidate)) }))
    .filter(
      ({ candidate, distance }) =>
        distance <= maxDistance || (wanted.length >= MIN_PREFIX && normalize(candidate).startsWith(wanted)),
    )
    .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/** "'a'", "'a' or 'b'", "'a', 'b' or 'c'". */
export function quotedList(names: readonly string[]): string {
  const quoted = names.map((name) => `'${name}'`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
