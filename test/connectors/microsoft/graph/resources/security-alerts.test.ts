// The security alerts resource against the Graph emulator: alerts_v2 list and get, the $batch items
// that read alerts by id, the legacy list with a quoted $filter, a hostile alert id kept inside one
// path segment (alone and in a $batch), and a missing permission mapped to GSOC_GRAPH_AUTH_REJECTED.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  alertBatchItems,
  alertV2Schema,
  GraphError,
  getAlert,
  listAlerts,
  listLegacyAlerts,
} from '../../../../../src/connectors/microsoft/graph/index.js';
import { odataString } from '../../../../../src/platform/http/index.js';
import { freshTenant } from '../../helpers.js';
import { graphCalls, graphClientFor, graphFixture, HOSTILE, staysInOneSegment } from './helpers.js';
import { EVIL_FILE, securityData } from './security-fixtures.js';

describe('graph resource: security alerts', () => {
  const t = graphFixture(['SecurityAlert.Read.All', 'SecurityEvents.Read.All'], (emu, tenantId) =>
    emu.seedSecurity(tenantId, securityData(tenantId)),
  );

  test('lists alerts_v2 newest first with $top, and reads one by id with its evidence', async () => {
    const top = await listAlerts(t.graph, { top: 1 });
    assert.deepEqual(
      top.map((a) => a.id),
      ['da-1'],
    );
    assert.equal(graphCalls(t.emu).at(-1)?.query.$top, '1');
    const alert = await getAlert(t.graph, 'da-2');
    assert.equal(alert.title, 'Second alert');
    assert.equal(alert.evidence?.[0]?.fileDetails?.fileName, EVIL_FILE);
  });

  test('$batch items read alerts by id; a missing one answers 404 in its item', async () => {
    const results = await t.graph.batch(alertBatchItems(['da-2', 'nope', 'da-1']));
    assert.deepEqual(
      results.map((r) => r.status),
      [200, 404, 200],
    );
    assert.equal(alertV2Schema.parse(results[0]?.body).id, 'da-2');
    assert.equal(results[1]?.error?.code, 'GSOC_GRAPH_NOT_FOUND');
  });

  test('hostile alert ids stay inside one path segment, alone and as $batch items', async () => {
    await staysInOneSegment(
      t,
      (bad) => ['security', 'alerts_v2', bad],
      (bad) => getAlert(t.graph, bad),
    );
    const items = alertBatchItems(HOSTILE);
    for (const [i, item] of items.entries()) {
      assert.equal(item.method, 'GET');
      assert.deepEqual(item.url.split('/').map(decodeURIComponent), [
        '',
        'security',
        'alerts_v2',
        HOSTILE[i],
      ]);
    }
    const results = await t.graph.batch(items);
    assert.ok(results.every((r) => r.status >= 400 && r.error instanceof GraphError));
    assert.throws(() => alertBatchItems(['da-1', '..']), TypeError);
  });

  test('lists legacy alerts with a $filter whose quotes are doubled', async () => {
    const filter = `fileStates/any(x: x/name eq ${odataString(EVIL_FILE)})`;
    const found = await listLegacyAlerts(t.graph, { filter, top: 10 });
    assert.deepEqual(
      found.map((a) => a.id),
      ['legacy-1'],
    );
    const call = graphCalls(t.emu).at(-1);
    assert.equal(call?.path, '/v1.0/security/alerts');
    assert.deepEqual(call?.query, { $filter: filter, $top: '10' });
  });

  test('an app without the alerts permission gets GSOC_GRAPH_AUTH_REJECTED', async () => {
    const other = graphClientFor(freshTenant(t.emu));
    await assert.rejects(listAlerts(other, { top: 1 }), (e: unknown) => {
      assert.ok(e instanceof GraphError);
      assert.equal(e.status, 403);
      assert.equal(e.code, 'GSOC_GRAPH_AUTH_REJECTED');
      return true;
    });
    await other.close();
  });
});
