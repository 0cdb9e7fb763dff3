// Turns a contract Chart's hostile numbers into what the renderer can draw: finite, non-negative
// values (a missing or broken value is `null`), the stacked or highest value, and nice axis ticks.
import type { Chart } from '../../platform/feature/console.js';

/** A value as drawn: null for NaN, ±Infinity and anything not a number; negatives count as 0. */
export function clean(v: unknown): number | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  return v < 0 ? 0 : v;
}

export interface Prepared {
  /** Buckets: the longest series' length (at most MAX_BUCKETS). */
  buckets: number;
  /** values[s][i], null where the series has no usable value. */
  values: (number | null)[][];
  /** The highest value the y axis must reach: the highest stack for stacked bars. */
  max: number;
}

/** Beyond this a chart would be unreadable anyway; the renderer stays linear in what it draws. */
export const MAX_BUCKETS = 5000;
export const MAX_SERIES = 200;

export function prepare(chart: Chart): Prepared {
  const series = Array.isArray(chart.series) ? chart.series.slice(0, MAX_SERIES) : [];
  let buckets = 0;
  const values = series.map((s) => {
    const raw = Array.isArray(s?.values) ? s.values.slice(0, MAX_BUCKETS) : [];
    buckets = Math.max(buckets, raw.length);
    return raw.map(clean);
  });
  let max = 0;
  if (chart.kind === 'bars' && chart.stacked) {
    for (let i = 0; i < buckets; i++) {
      let sum = 0;
      for (const vs of values) sum += vs[i] ?? 0;
      max = Math.max(max, sum);
    }
  } else {
    for (const vs of values) for (const v of vs) if (v !== null && v > max) max = v;
  }
  // A sum of huge values may overflow; the axis then ends at the largest finite number.
  return { buckets, values, max: Number.isFinite(max) ? max : Number.MAX_VALUE };
}

/** Round ticks from 0 to at least `max` (about `count` of them): steps of 1, 2 or 5 × 10^k. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let i = 0; i <= count + 1; i++) {
    const t = i * step;
    if (!Number.isFinite(t)) break;
    ticks.push(t);
    if (t >= max) break;
  }
  // Tiny steps lose precision (0.30000000000000004); round to the step's own digits.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return ticks.map((t) => (digits > 0 && digits < 20 ? Number(t.toFixed(digits)) : t));
}
