// The chart's data-table fallback: one row per bucket in UTC, one column per series, in the page's language.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartTable } from '../../../src/console/charts/index.js';

const FROM = Date.UTC(2026, 0, 5, 22, 0);

test('lists each bucket with its UTC start and each series value', () => {
  const t = chartTable(
    {
      kind: 'bars',
      from: FROM,
      stepMs: 3_600_000,
      unit: 'requests',
      series: [
        { name: 'ok', values: [1, 2500.5, 3] },
        { name: 'failed', values: [0, Number.NaN] },
      ],
    },
    'en',
  );
  assert.deepEqual(t.columns, ['Time (UTC)', 'ok', 'failed']);
  assert.deepEqual(t.rows, [
    ['01/05/2026, 22:00', '1', '0'],
    ['01/05/2026, 23:00', '2,500.5', ''],
    ['01/06/2026, 00:00', '3', ''],
  ]);
});

test('speaks German on a German page', () => {
  const t = chartTable(
    {
      kind: 'lines',
      from: FROM,
      stepMs: 86_400_000,
      unit: 'ms',
      series: [{ name: 'p95', values: [1234.5] }],
    },
    'de',
  );
  assert.deepEqual(t.columns, ['Zeit (UTC)', 'p95']);
  assert.deepEqual(t.rows, [['05.01.2026, 22:00', '1.234,5']]);
});

test('keeps working on a broken start and step', () => {
  const t = chartTable(
    { kind: 'bars', from: Number.NaN, stepMs: -1, unit: '', series: [{ name: 'a', values: [1, 2] }] },
    'en',
  );
  assert.deepEqual(t.rows, [
    ['1', '1'],
    ['2', '2'],
  ]);
});

test('is empty for a chart without series', () => {
  const t = chartTable({ kind: 'bars', from: FROM, stepMs: 1, unit: '', series: [] }, 'en');
  assert.deepEqual(t, { columns: ['Time (UTC)'], rows: [] });
});
