// Unit tests of hunting rows → tile data: each chart type from well-formed rows, and rows the module
// must not trust (wrong types, negative or fractional counts, unknown severities, hostile names).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tileById } from '../../../../../src/relay/modules/graph-security/tiles/catalogue.js';
import { windowFor } from '../../../../../src/relay/modules/graph-security/tiles/periods.js';
import { buildTileData } from '../../../../../src/relay/modules/graph-security/tiles/tile-data.js';

const NOW = Date.parse('2026-03-10T15:30:00.000Z');

function build(tileId: string, rows: Array<Record<string, unknown>>, period = 'last_7_days') {
  const tile = tileById(tileId);
  return buildTileData(tile, period, windowFor(period, tile.periods, NOW), rows);
}

const HOSTILE_COUNTS: unknown[] = [
  -1,
  1.5,
  Number.NaN,
  '12abc',
  '',
  null,
  true,
  [3],
  { n: 3 },
  2 ** 60,
  '1e3',
];

describe('tile data from hunting rows', () => {
  test('every tile carries its id, period, cache scope and observed/valid time', () => {
    const { data } = build('alerts-by-severity', []);
    assert.equal(data.tile_id, 'alerts-by-severity');
    assert.equal(data.period, 'last_7_days');
    assert.equal(data.cache_scope, 'org');
    assert.equal(data.hide_legend, false);
    assert.deepEqual(data.observed_time, {
      start_time: '2026-03-03T15:30:00.000Z',
      end_time: '2026-03-10T15:30:00.000Z',
    });
    assert.deepEqual(data.valid_time, data.observed_time);
  });

  test('severity metrics add up rows, map unknown severities to Unknown and skip unreadable counts', () => {
    const { data, skippedRows } = build('alerts-by-severity', [
      { Severity: 'High', Alerts: 3 },
      { Severity: 'high', Alerts: '2' },
      { Severity: 'Low', Alerts: 1 },
      { Severity: 'UnknownFutureValue', Alerts: 4 },
      { Severity: 42, Alerts: 1 },
      { Alerts: 1 },
      ...HOSTILE_COUNTS.map((Alerts) => ({ Severity: 'Medium', Alerts })),
    ]);
    assert.deepEqual(
      (data.data as Array<{ label: string; value: number }>).map((m) => [m.label, m.value]),
      [
        ['Total alerts', 12],
        ['High', 5],
        ['Medium', 0],
        ['Low', 1],
        ['Informational', 0],
        ['Unknown', 6],
      ],
    );
    assert.equal(skippedRows, HOSTILE_COUNTS.length);
  });

  test('Unknown is left out of the severity metrics when every severity is known', () => {
    const { data } = build('alerts-by-severity', [{ Severity: 'Informational', Alerts: 1 }]);
    assert.ok(!(data.data as Array<{ label: string }>).some((m) => m.label === 'Unknown'));
  });

  test('the source donut indexes labels, merges blank names into Unknown and cleans hostile names', () => {
    const { data } = build('alerts-by-source', [
      { ServiceSource: 'Microsoft Defender for Endpoint', DetectionSource: 'EDR', Alerts: 2 },
      { ServiceSource: 'Microsoft Defender for Endpoint', DetectionSource: 'Antivirus', Alerts: 3 },
      { ServiceSource: '', DetectionSource: 'EDR', Alerts: 1 },
      { ServiceSource: null, DetectionSource: '   ', Alerts: 1 },
      { ServiceSource: 'Evil\u0000<script>\nname'.repeat(20), DetectionSource: 'EDR', Alerts: 1 },
      { ServiceSource: 'Zero', DetectionSource: 'EDR', Alerts: 0 },
    ]);
    const labels = data.labels as [string[], string[]];
    assert.equal(labels[0][0], 'Microsoft Defender for Endpoint');
    assert.equal(labels[0][1], 'Unknown');
    assert.ok(!labels[0].includes('Zero'), 'services without alerts are left out');
    const hostile = labels[0][2] ?? '';
    assert.ok(hostile.length <= 80 && !Array.from(hostile).some((c) => c < ' '), hostile);
    assert.deepEqual(labels[1], ['EDR', 'Antivirus', 'Unknown']);
    assert.deepEqual(data.data, [
      {
        key: 0,
        value: 5,
        tooltip: 'Microsoft Defender for Endpoint: 5 alerts',
        segments: [
          { key: 1, value: 3 },
          { key: 0, value: 2 },
        ],
      },
      {
        key: 1,
        value: 2,
        tooltip: 'Unknown: 2 alerts',
        segments: [
          { key: 0, value: 1 },
          { key: 2, value: 1 },
        ],
      },
      { key: 2, value: 1, tooltip: `${hostile}: 1 alert`, segments: [{ key: 0, value: 1 }] },
    ]);
  });

  test('daily bars fill empty days, stack by severity and drop rows dated outside the window', () => {
    const { data, skippedRows } = build('alerts-per-day', [
      { Day: '2026-03-10T00:00:00Z', Severity: 'High', Alerts: 2 },
      { Day: '2026-03-10T00:00:00Z', Severity: 'Bogus', Alerts: 1 },
      { Day: '2026-03-03T00:00:00.0000000Z', Severity: 'Low', Alerts: 1 },
      { Day: '2025-01-01T00:00:00Z', Severity: 'Low', Alerts: 9 },
      { Day: 'not a date', Severity: 'Low', Alerts: 9 },
      { Day: 20260310, Severity: 'Low', Alerts: 9 },
      { Day: '2026-03-09T00:00:00Z', Severity: 'Low', Alerts: -9 },
    ]);
    const bars = data.data as Array<{ key: string; label: string; value: number; values: unknown[] }>;
    assert.equal(bars.length, 8);
    assert.deepEqual(bars[0], {
      key: '2026-03-03',
      label: '03/03',
      value: 1,
      values: [{ key: 'low', value: 1 }],
    });
    assert.deepEqual(bars[6], { key: '2026-03-09', label: '03/09', value: 0, values: [] });
    assert.deepEqual(bars[7], {
      key: '2026-03-10',
      label: '03/10',
      value: 3,
      values: [
        { key: 'high', value: 2 },
        { key: 'unknown', value: 1 },
      ],
    });
    assert.deepEqual(data.keys, [
      { key: 'high', label: 'High' },
      { key: 'low', label: 'Low' },
      { key: 'unknown', label: 'Unknown' },
    ]);
    assert.equal(data.key_type, 'string');
    assert.equal(skippedRows, 4);
  });

  test('category bars keep the ten largest categories, largest first and ties by name', () => {
    const rows = Array.from({ length: 14 }, (_, i) => ({
      Category: `Cat${String(i).padStart(2, '0')}`,
      Severity: 'Medium',
      Alerts: i % 7,
    }));
    rows.push({ Category: 'Cat13', Severity: 'High', Alerts: 10 });
    const { data } = build('top-alert-categories', rows);
    const bars = data.data as Array<{ key: string; value: number; values: unknown[] }>;
    assert.deepEqual(
      bars.map((b) => [b.key, b.value]),
      [
        ['Cat13', 16],
        ['Cat06', 6],
        ['Cat05', 5],
        ['Cat12', 5],
        ['Cat04', 4],
        ['Cat11', 4],
        ['Cat03', 3],
        ['Cat10', 3],
        ['Cat02', 2],
        ['Cat09', 2],
      ],
    );
    assert.deepEqual(bars[0]?.values, [
      { key: 'high', value: 10 },
      { key: 'medium', value: 6 },
    ]);
  });

  test('a long name is capped on a code point boundary, never leaving half a surrogate pair', () => {
    const { data } = build('top-alert-categories', [
      { Category: '\u{1F525}'.repeat(100), Severity: 'High', Alerts: 1 },
    ]);
    const label = (data.data as Array<{ label: string }>)[0]?.label ?? '';
    assert.equal(Array.from(label).length, 80);
    assert.equal(
      encodeURIComponent(label).length > 0,
      true,
      'a lone surrogate makes encodeURIComponent throw',
    );
  });

  test('no rows give empty charts, never an error', () => {
    for (const id of ['alerts-by-source', 'top-alert-categories']) {
      assert.deepEqual(build(id, []).data.data, []);
    }
    const days = build('alerts-per-day', [], 'last_30_days').data.data as Array<{ value: number }>;
    assert.equal(days.length, 31);
    assert.ok(days.every((d) => d.value === 0));
  });
});
