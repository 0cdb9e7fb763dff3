// `top-alert-categories` as a horizontal_bar_chart: the ten categories with the most alerts, most first
// (ties by name), each bar stacked by severity.
import { COL } from './queries.js';
import { eachCounted, type HuntingRow, labelOf, severityOf } from './rows.js';
import { addTo, type SeverityCounts, stackKeys, stackValues, totalOf } from './severity-stack.js';
import type { ChartFields } from './tile-data.js';

export const TOP_CATEGORIES = 10;

export function categoryBars(rows: readonly HuntingRow[]): ChartFields {
  const categories = new Map<string, SeverityCounts>();
  const skippedRows = eachCounted(rows, (row, n) => {
    const name = labelOf(row, COL.category);
    const counts = categories.get(name) ?? new Map();
    addTo(counts, severityOf(row), n);
    categories.set(name, counts);
    return true;
  });
  const top = [...categories]
    .map(([name, counts]) => ({ name, counts, total: totalOf(counts) }))
    .filter((c) => c.total > 0)
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name))
    .slice(0, TOP_CATEGORIES);
  return {
    fields: {
      keys: stackKeys(top.map((c) => c.counts)),
      key_type: 'string',
      data: top.map((c) => ({ key: c.name, label: c.name, value: c.total, values: stackValues(c.counts) })),
    },
    skippedRows,
  };
}
