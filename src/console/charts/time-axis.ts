// The chart's time axis in UTC: where its ticks go (whole hours for short ranges, whole days for long
// ones) and how times read in English and German.
import type { Locale } from '../../platform/feature/console.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Dates beyond this cannot be formatted (ECMAScript's time range). */
const MAX_TIME = 8.64e15;
/** Hour ticks up to this range, day ticks past it. */
const HOUR_TICKS_UP_TO = 3 * DAY;
const HOUR_STEPS = [1, 2, 3, 6, 12].map((h) => h * HOUR);
const DAY_STEPS = [1, 2, 7, 14].map((d) => d * DAY);

export interface TimeTick {
  at: number;
  label: string;
}

/** A locale Intl surely knows; anything else reads as English. */
export function intlLocale(locale: string): Locale {
  return locale === 'de' ? 'de' : 'en';
}

export function formatters(locale: string) {
  const l = intlLocale(locale);
  return {
    hour: new Intl.DateTimeFormat(l, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
    }),
    day: new Intl.DateTimeFormat(l, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
    full: new Intl.DateTimeFormat(l, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
    }),
  };
}

export function validTime(t: number): boolean {
  return Number.isFinite(t) && Math.abs(t) <= MAX_TIME;
}

/** Ticks within [start, end]: at most about eight, on whole UTC hours or days. */
export function timeTicks(start: number, end: number, locale: string): TimeTick[] {
  if (!validTime(start) || !validTime(end) || end <= start) return [];
  const range = end - start;
  const f = formatters(locale);
  const hourly = range <= HOUR_TICKS_UP_TO;
  const steps = hourly ? HOUR_STEPS : DAY_STEPS;
  const base = hourly ? HOUR : DAY;
  const step = steps.find((s) => range / s <= 8) ?? Math.ceil(range / 8 / base) * base;
  const ticks: TimeTick[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end && ticks.length < 12; t += step) {
    // A midnight on an hour axis names its day, so 48 hours read unambiguously.
    const label = hourly && t % DAY !== 0 ? f.hour.format(t) : f.day.format(t);
    ticks.push({ at: t, label });
  }
  return ticks;
}
