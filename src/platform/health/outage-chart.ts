// Minutes failing per UTC day and dependency over the last days, as a console Chart (stacked bars,
// one series per dependency that failed at all).
import type { Chart } from '../feature/console.js';
import type { Outage } from './history.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

export interface OutageChartOptions {
  now: number;
  days: number;
  /** The axis unit, in the page's language ("minutes", "Minuten"). */
  unit: string;
}

/** The range outageChart covers: whole UTC days ending with today. */
export function outageRange(now: number, days: number): { since: number; until: number } {
  const since = Math.floor(now / DAY) * DAY - (Math.max(1, Math.floor(days)) - 1) * DAY;
  return { since, until: now };
}

export function outageChart(outages: ReadonlyMap<string, readonly Outage[]>, o: OutageChartOptions): Chart {
  const days = Math.max(1, Math.floor(o.days));
  const { since } = outageRange(o.now, days);
  const series = [...outages.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, list]) => {
      const values = new Array<number>(days).fill(0);
      for (const out of list) {
        // Split the interval at each midnight it crosses.
        let from = Math.max(out.from, since);
        while (from < out.until) {
          const day = Math.floor((from - since) / DAY);
          if (day >= days) break;
          const dayEnd = since + (day + 1) * DAY;
          const to = Math.min(out.until, dayEnd);
          values[day] = (values[day] ?? 0) + (to - from) / MINUTE;
          from = to;
        }
      }
      return { name, values: values.map((v) => Math.round(v)) };
    });
  return { kind: 'bars', stacked: true, from: since, stepMs: DAY, unit: o.unit, series };
}
