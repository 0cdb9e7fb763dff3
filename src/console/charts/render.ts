// Renders a contract Chart as one self-contained, accessible <svg>: bars (stacked or grouped) or lines
// over a UTC time axis, a y axis with round ticks in the chart's unit, and a legend. Colours come only
// from classes (`series-N`, `tone-*`) that charts.css styles per theme; no value is trusted: every text
// is escaped and every number checked before it reaches an attribute.
import type { Chart, Tone } from '../../platform/feature/console.js';
import { type LegendItem, legend } from './legend.js';
import { numberFormats } from './numbers.js';
import { esc, n, safeId } from './svg.js';
import { describe } from './summary.js';
import { timeTicks } from './time-axis.js';
import { niceTicks, prepare } from './values.js';

export interface RenderOptions {
  /** Element id of the chart; the title and description ids derive from it. */
  id: string;
  title: string;
  locale: string;
}

const WIDTH = 640;
const PLOT_HEIGHT = 200;
const LEFT = 56;
const RIGHT = 12;
// Room above the plot for the unit, on its own line above the top tick label.
const TOP = 26;
const AXIS = 26;
const TONES: readonly Tone[] = ['ok', 'info', 'warn', 'bad', 'muted'];
const PALETTE = 8;

/** The class a series is coloured by: its tone when it has a known one, else its place in the palette. */
export function seriesClass(tone: unknown, index: number): string {
  return TONES.includes(tone as Tone) ? `tone-${tone}` : `series-${index % PALETTE}`;
}

export function renderChart(chart: Chart, o: RenderOptions): string {
  const id = safeId(o.id);
  const p = prepare(chart);
  const num = numberFormats(o.locale);
  const plotW = WIDTH - LEFT - RIGHT;
  const ticks = niceTicks(p.max);
  const top = ticks[ticks.length - 1] || 1;
  const y = (v: number) => TOP + PLOT_HEIGHT - (Math.min(v, top) / top) * PLOT_HEIGHT;
  const band = p.buckets > 0 ? plotW / p.buckets : plotW;
  const step = Number.isFinite(chart.stepMs) && chart.stepMs > 0 ? chart.stepMs : 0;
  const from = Number.isFinite(chart.from) ? chart.from : 0;
  const classes = p.values.map((_, s) => seriesClass(chart.series[s]?.tone, s));

  const out: string[] = [];
  // Y axis: grid lines and labels.
  for (const t of ticks) {
    out.push(
      `<line class="grid" x1="${LEFT}" x2="${LEFT + plotW}" y1="${n(y(t))}" y2="${n(y(t))}"/>`,
      `<text class="tick" x="${LEFT - 6}" y="${n(y(t) + 4)}" text-anchor="end">${esc(num.axis(t))}</text>`,
    );
  }
  out.push(
    `<text class="unit" x="4" y="12">${esc(String(chart.unit ?? ''))}</text>`,
    `<line class="axis" x1="${LEFT}" x2="${LEFT + plotW}" y1="${TOP + PLOT_HEIGHT}" y2="${TOP + PLOT_HEIGHT}"/>`,
  );
  // X axis: UTC ticks placed by time, so a tick sits where its bucket starts.
  if (step > 0 && p.buckets > 0) {
    const span = p.buckets * step;
    for (const tick of timeTicks(from, from + span, o.locale)) {
      const x = LEFT + ((tick.at - from) / span) * plotW;
      out.push(
        `<line class="axis" x1="${n(x)}" x2="${n(x)}" y1="${TOP + PLOT_HEIGHT}" y2="${TOP + PLOT_HEIGHT + 4}"/>`,
        `<text class="tick" x="${n(x)}" y="${TOP + PLOT_HEIGHT + 17}" text-anchor="middle">${esc(tick.label)}</text>`,
      );
    }
  }
  out.push(
    chart.kind === 'lines'
      ? lines(p.values, classes, band, y)
      : bars(p.values, classes, band, y, !!chart.stacked),
  );

  const items: LegendItem[] = p.values.map((_, s) => ({
    name: String(chart.series[s]?.name ?? ''),
    cls: classes[s] ?? 'series-0',
    line: chart.kind === 'lines',
  }));
  const leg = legend(items, LEFT, TOP + PLOT_HEIGHT + AXIS + 6, plotW);
  const height = TOP + PLOT_HEIGHT + AXIS + 6 + leg.height;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-${chart.kind === 'lines' ? 'lines' : 'bars'}" id="${id}" viewBox="0 0 ${WIDTH} ${n(height)}" width="100%" preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${esc(o.title)}</title>`,
    `<desc id="${id}-desc">${esc(describe(chart, p, o.locale))}</desc>`,
    out.join(''),
    leg.svg,
    '</svg>',
  ].join('');
}

function bars(
  values: (number | null)[][],
  classes: string[],
  band: number,
  y: (v: number) => number,
  stacked: boolean,
): string {
  const base = y(0);
  const inner = band * 0.8;
  const parts: string[] = [];
  if (stacked || values.length === 1) {
    // One path per series: a few elements however many buckets there are.
    const offsets = new Array<number>(values[0]?.length ?? 0).fill(0);
    values.forEach((vs, s) => {
      let d = '';
      vs.forEach((v, i) => {
        if (!v) return;
        const below = offsets[i] ?? 0;
        const y0 = y(below);
        const y1 = y(below + v);
        offsets[i] = below + v;
        if (y0 - y1 <= 0) return;
        const x = LEFT + i * band + (band - inner) / 2;
        d += `M${n(x)} ${n(y1)}h${n(inner)}V${n(y0)}h${n(-inner)}Z`;
      });
      if (d) parts.push(`<path class="${classes[s]}" d="${d}"/>`);
    });
  } else {
    const w = inner / values.length;
    values.forEach((vs, s) => {
      let d = '';
      vs.forEach((v, i) => {
        if (!v) return;
        const x = LEFT + i * band + (band - inner) / 2 + s * w;
        d += `M${n(x)} ${n(y(v))}h${n(w)}V${n(base)}h${n(-w)}Z`;
      });
      if (d) parts.push(`<path class="${classes[s]}" d="${d}"/>`);
    });
  }
  return `<g class="bars">${parts.join('')}</g>`;
}

function lines(
  values: (number | null)[][],
  classes: string[],
  band: number,
  y: (v: number) => number,
): string {
  const parts: string[] = [];
  values.forEach((vs, s) => {
    let d = '';
    let run = 0;
    // A lone point between gaps is drawn as a dot (a zero-length segment with round caps).
    const endRun = () => {
      if (run === 1) d += 'h0';
      run = 0;
    };
    vs.forEach((v, i) => {
      if (v === null) {
        endRun(); // a gap: the line does not invent values it has not got
        return;
      }
      d += `${run > 0 ? 'L' : 'M'}${n(LEFT + i * band + band / 2)} ${n(y(v))}`;
      run++;
    });
    endRun();
    if (d) parts.push(`<path class="${classes[s]}" fill="none" d="${d}"/>`);
  });
  return `<g class="lines">${parts.join('')}</g>`;
}
