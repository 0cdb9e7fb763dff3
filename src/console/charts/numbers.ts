// Numbers as the chart shows them: exact-ish in the description and the table, compact on the axis.
import { intlLocale } from './time-axis.js';

export function numberFormats(locale: string) {
  const l = intlLocale(locale);
  const plain = new Intl.NumberFormat(l, { maximumFractionDigits: 2 });
  const compact = new Intl.NumberFormat(l, { notation: 'compact', maximumFractionDigits: 1 });
  return {
    plain: (v: number) => plain.format(v),
    axis: (v: number) => (Math.abs(v) >= 10_000 ? compact.format(v) : plain.format(v)),
  };
}
