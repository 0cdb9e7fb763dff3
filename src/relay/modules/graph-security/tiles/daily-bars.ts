// `alerts-per-day` as a vertical_bar_chart: one bar per UTC day of the window, oldest first, including
// days without alerts so the time axis has no gaps; each bar is stacked by severity.
import { type TimeWindow, utcDaysOf } from './periods.js';
import { eachCounted, dayOf, type HuntingRow, severityOf } from './rows.js';
import { addTo, type SeverityCounts, stackKeys, stackValues, totalOf } from './severity-stack.js';
import type { ChartFields } from './tile-data.js';

export function dailyBars(rows: readonly HuntingRow[], w: TimeWindow): ChartFields {
  const days = new Map<number, SeverityCounts>(utcDaysOf(w).map((d) => [d, new Map()]));
  const skippedRows = eachCounted(rows, (row, n) => {
    const day = dayOf(row);
    const counts = day === undefined ? undefined : days.get(day);
    // A day outside the window cannot come from the query's own filter: the row is not trusted.
    if (counts === undefined) return false;
    addTo(counts, severityOf(row), n);
    return true;
  });
  const data = [...days].map(([day, counts]) => {
    const date = new Date(day).toISOString().slice(0, 10);
    return {
      key: date,
      label: date.slice(5).replace('-', '/'),
      value: totalOf(counts),
      values: stackValues(counts),
    };
  });
  return { fields: { keys: stackKeys(days.values()), key_type: 'string', data }, skippedRows };
}
