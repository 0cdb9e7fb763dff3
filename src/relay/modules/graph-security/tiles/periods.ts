// The dashboard periods a tile offers and the time window each one stands for, ending now.
// Period names are the ones Threat Response / XDR dashboards send in `/tiles/tile-data` (`period`),
// as public relay modules list them (CiscoSecurity/tr-05-serverless-guardduty, api/tiles/factory.py).
import { invalidTileArgument } from './errors.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Advanced Hunting keeps 30 days of data, so no period reaches further back. */
export const PERIOD_MS = {
  last_hour: HOUR_MS,
  last_24_hours: DAY_MS,
  last_7_days: 7 * DAY_MS,
  last_30_days: 30 * DAY_MS,
} as const;

export type Period = keyof typeof PERIOD_MS;

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

export function isPeriod(value: string): value is Period {
  return Object.hasOwn(PERIOD_MS, value);
}

/** The window of `period` ending at `nowMs`; a period the tile does not offer is the caller's error. */
export function windowFor(period: string, offered: readonly Period[], nowMs: number): TimeWindow {
  if (!isPeriod(period) || !offered.includes(period)) {
    throw invalidTileArgument(`Invalid period '${period}'; this tile offers ${offered.join(', ')}`);
  }
  return { startMs: nowMs - PERIOD_MS[period], endMs: nowMs };
}

/** `{start_time, end_time}` as the tile-data `observed_time` / `valid_time` carry it. */
export function timeRange(w: TimeWindow): { start_time: string; end_time: string } {
  return { start_time: new Date(w.startMs).toISOString(), end_time: new Date(w.endMs).toISOString() };
}

/** UTC midnights of every day the window touches, oldest first (the first and last may be partial). */
export function utcDaysOf(w: TimeWindow): number[] {
  const days: number[] = [];
  for (let d = Math.floor(w.startMs / DAY_MS) * DAY_MS; d <= w.endMs; d += DAY_MS) days.push(d);
  return days;
}
