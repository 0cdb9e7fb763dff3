// The tiles' hunting queries, run by the Graph emulator's KQL evaluator over an AlertInfo table where
// alerts have several rows (as real AlertInfo can): each alert is counted once, with its latest values,
// and only inside the window. Also: the text carries no request input besides the window.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Table } from '../../../../../emulators/graph-security/kql/ast.js';
import { runKql } from '../../../../../emulators/graph-security/kql/run.js';
import { TILES, type TileId } from '../../../../../src/relay/modules/graph-security/tiles/catalogue.js';
import { windowFor } from '../../../../../src/relay/modules/graph-security/tiles/periods.js';
import { tileQuery, tileTimespan } from '../../../../../src/relay/modules/graph-security/tiles/queries.js';

const NOW = Date.parse('2026-03-10T15:30:00.000Z');
const W = windowFor('last_7_days', ['last_7_days'], NOW);

const row = (iso: string, AlertId: string, Severity: string, more: Record<string, string> = {}) => ({
  Timestamp: new Date(iso),
  AlertId,
  Title: `Alert ${AlertId}`,
  Category: 'Execution',
  Severity,
  ServiceSource: 'Microsoft Defender for Endpoint',
  DetectionSource: 'EDR',
  AttackTechniques: '[]',
  ...more,
});

const AlertInfo: Table = {
  columns: [
    'Timestamp',
    'AlertId',
    'Title',
    'Category',
    'Severity',
    'ServiceSource',
    'DetectionSource',
    'AttackTechniques',
  ].map((name) => ({ name, type: name === 'Timestamp' ? 'datetime' : 'string' })),
  rows: [
    // a1 first seen on 03-08 as Low, raised to High on 03-09: one High alert, placed on 03-08.
    row('2026-03-08T10:00:00Z', 'a1', 'Low'),
    row('2026-03-09T10:00:00Z', 'a1', 'High', { DetectionSource: 'Antivirus', Category: 'Persistence' }),
    row('2026-03-10T09:00:00Z', 'a2', 'Medium'),
    row('2026-03-10T09:05:00Z', 'a2', 'Medium'),
    // Outside the window.
    row('2026-03-01T00:00:00Z', 'a3', 'Low'),
    row('2026-03-11T00:00:00Z', 'a4', 'Low'),
  ],
};

function run(tileId: TileId) {
  return runKql(tileQuery(tileId, W), (name) => (name === 'AlertInfo' ? AlertInfo : undefined), { now: NOW })
    .rows;
}

describe('tile hunting queries', () => {
  test('alerts by severity count each alert once, by its latest severity', () => {
    assert.deepEqual(
      new Set(run('alerts-by-severity')),
      new Set([
        { Severity: 'High', Alerts: 1 },
        { Severity: 'Medium', Alerts: 1 },
      ]),
    );
  });

  test('alerts by source use the latest service and detection source', () => {
    assert.deepEqual(
      run('alerts-by-source')
        .map((r) => [r.DetectionSource, r.Alerts])
        .sort(),
      [
        ['Antivirus', 1],
        ['EDR', 1],
      ],
    );
  });

  test('alerts per day place an alert on the day it was first seen', () => {
    const rows = run('alerts-per-day')
      .map((r) => [(r.Day as Date).toISOString().slice(0, 10), r.Severity, r.Alerts])
      .sort();
    assert.deepEqual(rows, [
      ['2026-03-08', 'High', 1],
      ['2026-03-10', 'Medium', 1],
    ]);
  });

  test('top categories use the latest category of each alert', () => {
    assert.deepEqual(
      run('top-alert-categories')
        .map((r) => [r.Category, r.Severity, r.Alerts])
        .sort(),
      [
        ['Execution', 'Medium', 1],
        ['Persistence', 'High', 1],
      ],
    );
  });

  test('every tile has a query; the window is its only variable part, also sent as the Timespan', () => {
    for (const t of TILES) {
      const q = tileQuery(t.id, W);
      assert.match(
        q,
        /^AlertInfo\n\| where Timestamp between \(datetime\(2026-03-03T15:30:00\.000Z\) \.\. datetime\(2026-03-10T15:30:00\.000Z\)\)/,
      );
    }
    assert.equal(tileTimespan(W), '2026-03-03T15:30:00.000Z/2026-03-10T15:30:00.000Z');
  });
});
