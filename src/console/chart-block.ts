// A chart block as the page draws it: the SVG (./charts/ escapes every text in it) and the same
// numbers as a table for those who cannot see the picture.
import type { Block, Locale } from '../platform/feature/index.js';
import { chartTable, renderChart } from './charts/index.js';

export function chartBlock(
  b: Extract<Block, { kind: 'chart' }>,
  locale: Locale,
): { svg: string; table: { columns: string[]; rows: string[][] } } {
  return {
    svg: renderChart(b.chart, { id: `chart-${b.id}`, title: b.title, locale }),
    table: chartTable(b.chart, locale),
  };
}
