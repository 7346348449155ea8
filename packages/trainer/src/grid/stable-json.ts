/**
 * JSON with every object's keys in sorted order, so that equal values give equal text whatever order their keys
 * were written in: what a run's key (a hash of this text) and a sweep's identity are computed from.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}
