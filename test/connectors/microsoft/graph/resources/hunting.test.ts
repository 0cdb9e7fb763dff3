// The hunting resource against the Graph emulator: one KQL query with its Timespan, rows back as
// objects, a KQL error mapped to GSOC_GRAPH_REQUEST_REJECTED, and a 503 retried like a read.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GraphError, runHuntingQuery } from '../../../../../src/connectors/microsoft/graph/index.js';
import { graphCalls, graphFixture } from './helpers.js';
import { securityData } from './security-fixtures.js';

describe('graph resource: hunting', () => {
  const t = graphFixture(['ThreatHunting.Read.All'], (emu, tenantId) =>
    emu.seedSecurity(tenantId, securityData(tenantId)),
  );

  test('runs a query over the timespan and returns its rows', async () => {
    const rows = await runHuntingQuery(t.graph, {
      query: "AlertInfo | where AlertId in ('da-1', 'da-2') | project AlertId, Title | order by AlertId asc",
      timespan: 'P7D',
    });
    assert.deepEqual(rows, [
      { AlertId: 'da-1', Title: 'First alert' },
      { AlertId: 'da-2', Title: 'Second alert' },
    ]);
    assert.equal(graphCalls(t.emu).at(-1)?.path, '/v1.0/security/runHuntingQuery');
  });

  test('a query the service cannot run is GSOC_GRAPH_REQUEST_REJECTED with its message', async () => {
    await assert.rejects(runHuntingQuery(t.graph, { query: 'NoSuchTable | take 1' }), (e: unknown) => {
      assert.ok(e instanceof GraphError);
      assert.equal(e.status, 400);
      assert.equal(e.code, 'GSOC_GRAPH_REQUEST_REJECTED');
      assert.ok(e.remoteMessage);
      return true;
    });
  });

  test('a 503 is retried: a query only reads', async () => {
    t.emu.addFault({ path: '/v1.0/security/runHuntingQuery', status: 503, retryAfterSec: 0, times: 1 });
    t.emu.clearRequests();
    const rows = await runHuntingQuery(t.graph, { query: 'AlertInfo | take 1' });
    assert.equal(rows.length, 1);
    assert.deepEqual(
      graphCalls(t.emu).map((r) => r.status),
      [503, 200],
    );
  });
});
