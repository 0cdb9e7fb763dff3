// Upstream latency as bucket counts: the buckets add across instances and minutes, and an hour's
// p50/p95 is read back from their sums (linear within the bucket that holds the rank).

/** Upper bounds in ms; the last bucket holds everything slower. */
export const BUCKET_BOUNDS_MS = [25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000] as const;

export const BUCKET_COLUMNS = [
  'upstream_le_25',
  'upstream_le_50',
  'upstream_le_100',
  'upstream_le_250',
  'upstream_le_500',
  'upstream_le_1000',
  'upstream_le_2500',
  'upstream_le_5000',
  'upstream_le_10000',
  'upstream_le_inf',
] as const;

export function bucketOf(ms: number): number {
  const i = BUCKET_BOUNDS_MS.findIndex((b) => ms <= b);
  return i === -1 ? BUCKET_BOUNDS_MS.length : i;
}

/**
 * The q-quantile (0..1) of counts per bucket, interpolated within its bucket; the open last bucket
 * answers its lower bound. Undefined when there are no calls.
 */
export function quantile(counts: readonly number[], q: number): number | undefined {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return undefined;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] ?? 0;
    if (c > 0 && seen + c >= rank) {
      const lower = i === 0 ? 0 : (BUCKET_BOUNDS_MS[i - 1] ?? 0);
      const upper = BUCKET_BOUNDS_MS[i];
      if (upper === undefined) return lower;
      return lower + ((rank - seen) / c) * (upper - lower);
    }
    seen += c;
  }
  return BUCKET_BOUNDS_MS[BUCKET_BOUNDS_MS.length - 1];
}
