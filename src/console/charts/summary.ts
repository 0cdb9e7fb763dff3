// The chart's `<desc>`: its range and, per series, the total (bars) or the latest value (lines) and
// the maximum, for screen readers and anyone without the picture.
import type { Chart } from '../../platform/feature/console.js';
import { numberFormats } from './numbers.js';
import { text } from './texts.js';
import { formatters, intlLocale, validTime } from './time-axis.js';
import type { Prepared } from './values.js';

/** Series described one by one; the rest are counted. */
const DESCRIBED = 8;

export function describe(chart: Chart, p: Prepared, locale: string): string {
  const l = intlLocale(locale);
  if (p.buckets === 0 || p.values.length === 0) return text(l, 'empty');
  const f = formatters(l);
  const num = numberFormats(l);
  const step = Number.isFinite(chart.stepMs) && chart.stepMs > 0 ? chart.stepMs : 0;
  const end = chart.from + p.buckets * step;
  const parts: string[] = [];
  if (validTime(chart.from) && validTime(end))
    parts.push(
      text(l, 'range', { buckets: p.buckets, start: f.full.format(chart.from), end: f.full.format(end) }),
    );
  const unit = String(chart.unit ?? '');
  p.values.slice(0, DESCRIBED).forEach((vs, s) => {
    const name = String(chart.series[s]?.name ?? '');
    let total = 0;
    let max = 0;
    let last: number | null = null;
    for (const v of vs) {
      if (v === null) continue;
      total += v;
      if (v > max) max = v;
      last = v;
    }
    if (!Number.isFinite(total)) total = Number.MAX_VALUE;
    parts.push(
      chart.kind === 'lines'
        ? text(l, 'lineSeries', {
            name,
            max: num.plain(max),
            unit,
            last: last === null ? text(l, 'none') : num.plain(last),
          })
        : text(l, 'total', { name, total: num.plain(total), unit, max: num.plain(max) }),
    );
  });
  if (p.values.length > DESCRIBED) parts.push(text(l, 'more', { count: p.values.length - DESCRIBED }));
  return parts.join(' ');
}
