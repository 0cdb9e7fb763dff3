// Time buckets for the console's charts: the window that ends with the current bucket, and counting
// events into it. UTC days and hours, so every instance draws the same buckets.
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The `count` buckets of `stepMs` that end with the one holding `now`: where the first starts. */
export function windowStart(now: number, stepMs: number, count: number): number {
  return Math.floor(now / stepMs) * stepMs - (count - 1) * stepMs;
}

/** Adds `n` at time `at` into `values` (bucket i starts at from + i * stepMs); outside is ignored. */
export function addAt(values: number[], from: number, stepMs: number, at: number, n = 1): void {
  const i = Math.floor((at - from) / stepMs);
  if (i >= 0 && i < values.length && Number.isFinite(n)) values[i] = (values[i] ?? 0) + n;
}
