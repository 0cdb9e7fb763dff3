// The chart as a data table, for the accessible fallback the page shows in a <details>: one row per
// bucket (its UTC start), one column per series.
import type { Chart } from '../../platform/feature/console.js';
import { numberFormats } from './numbers.js';
import { text } from './texts.js';
import { formatters, intlLocale, validTime } from './time-axis.js';
import { prepare } from './values.js';

export interface ChartTable {
  columns: string[];
  rows: string[][];
}

export function chartTable(chart: Chart, locale: string): ChartTable {
  const l = intlLocale(locale);
  const p = prepare(chart);
  const f = formatters(l);
  const num = numberFormats(l);
  const step = Number.isFinite(chart.stepMs) && chart.stepMs > 0 ? chart.stepMs : 0;
  const columns = [text(l, 'time'), ...p.values.map((_, s) => String(chart.series[s]?.name ?? ''))];
  const rows: string[][] = [];
  for (let i = 0; i < p.buckets; i++) {
    const at = chart.from + i * step;
    const row = [validTime(at) ? f.full.format(at) : String(i + 1)];
    for (const vs of p.values) {
      const v = vs[i];
      row.push(v === null || v === undefined ? '' : num.plain(v));
    }
    rows.push(row);
  }
  return { columns, rows };
}
