/** Case, `_`, `-` and spaces should not hide the intended name ('glorot_normal' → 'glorotNormal'). */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, '');
}

/** Levenshtein distance with one rolling row. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** Shorter names than this match too many candidates as prefixes. */
const MIN_PREFIX = 3;

/** How `closestNames` ranks and filters. */
export interface ClosestNamesOptions {
  /** At most this many names (default 3). */
  limit?: number;
  /**
   * `'near'` (default): only candidates a plausible typo away — within max(2, ⌊length/3⌋) edits — or that begin
   * with the name (3 letters or more), so a far-off name gets no suggestion. `'all'`: every candidate, nearest
   * first, for messages that always offer the nearest names.
   */
  reach?: 'near' | 'all';
}

/**
 * The candidates closest to `name` by edit distance, nearest first (ties in the candidates' order), ignoring
 * case, `_`, `-` and spaces: the "did you mean" of every unknown-name error ('xaviar' → 'xavier', 'kaiming' →
 * 'kaimingNormal', 'kaimingUniform').
 */
export function closestNames(name: string, candidates: readonly string[], options: ClosestNamesOptions = {}): string[] {
  const { limit = 3, reach = 'near' } = options;
  const wanted = normalize(name);
  const maxDistance = Math.max(2, Math.floor(wanted.length / 3));
  return candidates
    .map((candidate) => {
      const normalized = normalize(candidate);
      return { candidate, normalized, distance: editDistance(wanted, normalized) };
    })
    .filter(
      ({ normalized, distance }) =>
        reach === 'all' || distance <= maxDistance || (wanted.length >= MIN_PREFIX && normalized.startsWith(wanted)),
    )
    .sort((x, y) => x.distance - y.distance)
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/** Names quoted and joined as a sentence lists them: `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`. */
export function quotedList(names: readonly string[]): string {
  const quoted = names.map((name) => `'${name}'`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/**
 * `"did you mean 'a' or 'b'?"` for the candidates closest to `name` (`closestNames` with the same options), or
 * `''` when none is close: the one phrasing of every unknown-name error in initlab.
 */
export function didYouMean(name: string, candidates: readonly string[], options: ClosestNamesOptions = {}): string {
  const names = closestNames(name, candidates, options);
  return names.length === 0 ? '' : `did you mean ${quotedList(names)}?`;
}
