// The SVG chart renderer: well-formed, accessible, escaped and finite whatever the chart holds.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderChart, seriesClass } from '../../../src/console/charts/index.js';
import type { Chart } from '../../../src/platform/feature/console.js';
import { parseSvg } from './parse-svg.js';

const HOUR = 3_600_000;
const FROM = Date.UTC(2026, 0, 5, 0, 0);

const chart = (over: Partial<Chart> = {}): Chart => ({
  kind: 'bars',
  from: FROM,
  stepMs: HOUR,
  unit: 'requests',
  series: [
    { name: 'ok', values: [1, 2, 3, 4], tone: 'ok' },
    { name: 'failed', values: [0, 1, 0, 2], tone: 'bad' },
  ],
  ...over,
});

const render = (c: Chart, locale = 'en') => renderChart(c, { id: 'c1', title: 'Requests', locale });

/** Every number in a path or a coordinate attribute. */
function numbersIn(all: ReturnType<typeof parseSvg>['all']): number[] {
  const out: number[] = [];
  for (const el of all)
    for (const [k, v] of Object.entries(el.attrs)) {
      if (!['x', 'y', 'x1', 'x2', 'y1', 'y2', 'width', 'height', 'd', 'viewBox'].includes(k)) continue;
      for (const m of v.match(/-?[0-9.eE+]+|NaN|Infinity/g) ?? []) out.push(Number(m));
    }
  return out;
}

function assertSane(svg: string) {
  const parsed = parseSvg(svg);
  // The title is the caller's text; everything else the renderer wrote must be free of broken numbers.
  for (const el of parsed.all) {
    for (const v of Object.values(el.attrs)) assert.doesNotMatch(v, /NaN|Infinity|undefined/);
    if (el.name !== 'title') assert.doesNotMatch(el.text, /NaN|Infinity|undefined/);
  }
  assert.equal(parsed.root.name, 'svg');
  for (const v of numbersIn(parsed.all)) assert.ok(Number.isFinite(v), `non-finite ${v}`);
  return parsed;
}

describe('renderChart', () => {
  test('names itself by a title and a description it points to', () => {
    const { root, all } = assertSane(render(chart()));
    assert.equal(root.attrs.role, 'img');
    assert.equal(root.attrs['aria-labelledby'], 'c1-title c1-desc');
    assert.match(root.attrs.viewBox ?? '', /^0 0 640 \d+/);
    const title = all.find((e) => e.name === 'title');
    const desc = all.find((e) => e.name === 'desc');
    assert.equal(title?.attrs.id, 'c1-title');
    assert.equal(title?.text, 'Requests');
    assert.equal(desc?.attrs.id, 'c1-desc');
    assert.match(desc?.text ?? '', /4 intervals from 01\/05\/2026, 00:00 to 01\/05\/2026, 04:00 UTC/);
    assert.match(desc?.text ?? '', /ok: total 10 requests, maximum 4\./);
    assert.match(desc?.text ?? '', /failed: total 3 requests, maximum 2\./);
  });

  test('describes in German for a German page', () => {
    const { all } = assertSane(render(chart(), 'de'));
    const desc = all.find((e) => e.name === 'desc')?.text ?? '';
    assert.match(desc, /4 Intervalle von 05\.01\.2026, 00:00 bis 05\.01\.2026, 04:00 UTC/);
    assert.match(desc, /ok: insgesamt 10 requests, höchstens 4\./);
  });

  test('escapes every text: title, series names, unit, and an id cannot break out', () => {
    const evil = '<script>alert(1)</script>&"\'\u202e\u0001';
    const svg = renderChart(
      chart({
        unit: evil,
        series: [
          { name: evil, values: [1] },
          { name: 'b', values: [2] },
        ],
      }),
      { id: '"><script>', title: evil, locale: 'en' },
    );
    assert.doesNotMatch(svg, /<script>/);
    const { root, all } = assertSane(svg);
    assert.match(root.attrs.id ?? '', /^[A-Za-z][A-Za-z0-9_-]*$/);
    assert.ok(all.every((e) => e.name !== 'script'));
    assert.ok(all.some((e) => e.name === 'title' && e.text.startsWith('<script>alert(1)')));
  });

  test('stacks bars so the axis reaches the highest stack', () => {
    const { all } = assertSane(render(chart({ stacked: true })));
    const ticks = all.filter((e) => e.attrs.class === 'tick' && e.attrs['text-anchor'] === 'end');
    // Highest stack 6 → ticks 0..6 or beyond, never below it.
    assert.ok(Number(ticks.at(-1)?.text) >= 6, ticks.map((t) => t.text).join(','));
    const paths = all.filter((e) => e.name === 'path');
    assert.deepEqual(
      paths.map((p) => p.attrs.class),
      ['tone-ok', 'tone-bad'],
    );
  });

  test('groups bars side by side when not stacked', () => {
    const { all } = assertSane(render(chart()));
    const ticks = all.filter((e) => e.attrs.class === 'tick' && e.attrs['text-anchor'] === 'end');
    assert.ok(Number(ticks.at(-1)?.text) >= 4 && Number(ticks.at(-1)?.text) < 6);
  });

  test('draws lines with a gap where a value is missing, and a lone point as a dot', () => {
    const svg = render(
      chart({
        kind: 'lines',
        unit: 'ms',
        series: [{ name: 'p50', values: [10, Number.NaN, 30, 40, Infinity, 5] }],
      }),
    );
    const { all } = assertSane(svg);
    const d = all.find((e) => e.name === 'path')?.attrs.d ?? '';
    assert.equal((d.match(/M/g) ?? []).length, 3);
    assert.ok(d.endsWith('h0'), d);
  });

  test('colours only through classes', () => {
    const svg = render(chart());
    assert.doesNotMatch(svg, /fill="#|stroke="#|style=/);
    assert.equal(seriesClass(undefined, 9), 'series-1');
    assert.equal(seriesClass('warn', 0), 'tone-warn');
    assert.equal(seriesClass('"><x', 3), 'series-3');
  });

  test('puts hour ticks on a 48-hour range and day ticks on a 30-day range', () => {
    const hourly = assertSane(
      render(chart({ series: [{ name: 'a', values: new Array(48).fill(1) }] })),
    ).all.filter((e) => e.attrs.class === 'tick' && e.attrs['text-anchor'] === 'middle');
    assert.ok(hourly.length >= 4 && hourly.length <= 12);
    assert.ok(
      hourly.some((t) => /^\d\d:00$/.test(t.text)),
      hourly.map((t) => t.text).join(),
    );
    assert.ok(
      hourly.some((t) => t.text === 'Jan 6'),
      hourly.map((t) => t.text).join(),
    );
    const daily = assertSane(
      render(chart({ stepMs: 24 * HOUR, series: [{ name: 'a', values: new Array(30).fill(1) }] }), 'de'),
    ).all.filter((e) => e.attrs.class === 'tick' && e.attrs['text-anchor'] === 'middle');
    assert.ok(daily.length >= 3 && daily.length <= 12);
    assert.ok(
      daily.every((t) => /^\d+\. [A-Z][a-zä]+\.?$/.test(t.text)),
      daily.map((t) => t.text).join(),
    );
  });

  test('round y ticks in the unit, compact for huge values', () => {
    const { all } = assertSane(render(chart({ series: [{ name: 'a', values: [1e12, 3e12] }] })));
    const labels = all.filter((e) => e.attrs.class === 'tick' && e.attrs['text-anchor'] === 'end');
    assert.ok(
      labels.every((l) => /^[0-9.,]+[KMBT]?$/.test(l.text)),
      labels.map((l) => l.text).join(),
    );
    assert.ok(all.some((e) => e.attrs.class === 'unit' && e.text === 'requests'));
  });
});

describe('renderChart on hostile charts never throws nor emits NaN', () => {
  const cases: Array<[string, Chart]> = [
    ['no series', chart({ series: [] })],
    ['empty series', chart({ series: [{ name: 'a', values: [] }] })],
    ['all zeros', chart({ series: [{ name: 'a', values: [0, 0, 0] }] })],
    [
      'all zeros stacked lines',
      chart({ kind: 'lines', stacked: true, series: [{ name: 'a', values: [0, 0] }] }),
    ],
    [
      'NaN, Infinity, negatives',
      chart({ series: [{ name: 'a', values: [Number.NaN, Infinity, -Infinity, -5, 3] }] }),
    ],
    ['only NaN lines', chart({ kind: 'lines', series: [{ name: 'a', values: [Number.NaN, Number.NaN] }] })],
    [
      'huge values that overflow when stacked',
      chart({
        stacked: true,
        series: [
          { name: 'a', values: [Number.MAX_VALUE] },
          { name: 'b', values: [Number.MAX_VALUE] },
        ],
      }),
    ],
    ['tiny values', chart({ series: [{ name: 'a', values: [1e-300, 2e-300] }] })],
    ['NaN step and start', chart({ from: Number.NaN, stepMs: Number.NaN })],
    ['zero and negative step', chart({ stepMs: -5 })],
    ['a start past the dates Intl can format', chart({ from: 9e15, stepMs: 1e15 })],
    ['one bucket', chart({ series: [{ name: 'a', values: [7] }] })],
    [
      '2,000 buckets',
      chart({ series: [{ name: 'a', values: Array.from({ length: 2000 }, (_, i) => i % 7) }] }),
    ],
    [
      '50 series',
      chart({
        series: Array.from({ length: 50 }, (_, s) => ({
          name: `series ${s} with a rather long name`,
          values: [s, 1, 2],
        })),
      }),
    ],
    [
      'series of different lengths',
      chart({
        series: [
          { name: 'a', values: [1] },
          { name: 'b', values: [1, 2, 3, 4, 5] },
        ],
      }),
    ],
    ['an unknown tone and locale', chart({ series: [{ name: 'a', values: [1], tone: 'purple' as never }] })],
  ];
  for (const [name, c] of cases) {
    test(name, () => {
      for (const locale of ['en', 'de', 'xx-invalid-locale-tag']) {
        const svg = renderChart(c, { id: 'h', title: name, locale });
        assertSane(svg);
      }
    });
  }

  test('time grows linearly in buckets × series', () => {
    const make = (buckets: number, series: number) =>
      chart({
        series: Array.from({ length: series }, (_, s) => ({
          name: `s${s}`,
          values: Array.from({ length: buckets }, (_, i) => (i * (s + 1)) % 13),
        })),
      });
    const time = (c: Chart) => {
      renderChart(c, { id: 'w', title: 't', locale: 'en' }); // warm up
      const t0 = performance.now();
      for (let i = 0; i < 3; i++) renderChart(c, { id: 'w', title: 't', locale: 'en' });
      return performance.now() - t0;
    };
    const small = time(make(200, 5));
    const large = time(make(2000, 50));
    // 100× the cells; quadratic would be 10,000×. Ratios measured in one run, not wall-clock limits.
    assert.ok(large / small < 1000, `ratio ${large / small}`);
  });
});
