// loadTileData with a stand-in Graph client: the one call it makes, the warning for unreadable rows, and
// no call at all for a bad tile id or period.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { GraphClient } from '../../../../../src/connectors/microsoft/graph/index.js';
import { UpstreamWait } from '../../../../../src/platform/http/index.js';
import { loadTileData } from '../../../../../src/relay/modules/graph-security/tiles/index.js';
import { RelayError } from '../../../../../src/relay/protocol/relay-error.js';

const NOW = Date.parse('2026-03-10T15:30:00.000Z');

function fakeGraph(rows: unknown[]) {
  const calls: Array<{ path: string; body: unknown }> = [];
  const graph = {
    async post(path: string, body: unknown, schema: { parse(v: unknown): unknown }) {
      calls.push({ path, body });
      return schema.parse({ results: rows });
    },
  } as unknown as GraphClient;
  return { graph, calls };
}

function options() {
  const warnings: Array<[string, string]> = [];
  return {
    warnings,
    o: {
      signal: new AbortController().signal,
      deadlineAt: NOW + 30_000,
      wait: new UpstreamWait(),
      warn: (code: string, message: string) => warnings.push([code, message]),
    },
  };
}

describe('loadTileData', () => {
  test('sends one hunting query with the period as Timespan and warns once about unreadable rows', async () => {
    const { graph, calls } = fakeGraph([
      { Severity: 'High', Alerts: 2 },
      { Severity: 'Low', Alerts: 'many' },
      { Severity: 'Low', Alerts: -1 },
    ]);
    const { o, warnings } = options();
    const data = await loadTileData(graph, 'alerts-by-severity', 'last_24_hours', o, NOW);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.path, '/security/runHuntingQuery');
    const body = calls[0]?.body as { Query: string; Timespan: string };
    assert.equal(body.Timespan, '2026-03-09T15:30:00.000Z/2026-03-10T15:30:00.000Z');
    assert.match(body.Query, /^AlertInfo\n/);
    assert.deepEqual((data.data as Array<{ value: number }>)[0]?.value, 2);
    assert.deepEqual(warnings, [
      ['upstream error', '2 Advanced Hunting result rows were unreadable and left out of the tile.'],
    ]);
  });

  test('a bad tile id or period fails before any Graph call', async () => {
    const { graph, calls } = fakeGraph([]);
    for (const [id, period] of [
      ['nope', 'last_7_days'],
      ['alerts-per-day', 'last_hour'],
    ] as const) {
      await assert.rejects(
        loadTileData(graph, id, period, options().o, NOW),
        (e) => e instanceof RelayError && e.relayCode === 'invalid argument',
      );
    }
    assert.equal(calls.length, 0);
  });
});
