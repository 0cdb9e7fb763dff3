// How many sightings one request may return: the token's CTR_ENTITIES_LIMIT, clamped to the
// configured maximum, else the configured default. Per request, not per observable (a seed bug).

export function entitiesLimit(claim: unknown, defaults: { defaultLimit: number; maxLimit: number }): number {
  const n =
    typeof claim === 'number'
      ? claim
      : typeof claim === 'string' && /^\s*\d+\s*$/.test(claim)
        ? Number(claim)
        : Number.NaN;
  if (!Number.isInteger(n) || n <= 0) return Math.min(defaults.defaultLimit, defaults.maxLimit);
  return Math.min(n, defaults.maxLimit);
}
