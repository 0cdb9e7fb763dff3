// Alert details are reused for alertCacheSec per credential set: a repeated observe costs one hunting
// query and no $batch; another app's token does not see the first app's cache; 0 turns it off.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AlertCache } from '../../../../src/relay/modules/graph-security/alert-cache.js';
import type { AlertV2 } from '../../../../src/relay/modules/graph-security/schemas.js';
import { HASH_A } from '../../../emulators/graph-security-fixtures.js';
import { type GraphSecurityHarness, startGraphSecurityRelay } from './harness.js';

const alert = (id: string): AlertV2 => ({ id, title: `alert ${id}` });

describe('AlertCache', () => {
  test('an entry lives for the TTL and no longer', () => {
    let now = 1000;
    const c = new AlertCache(60_000, 10, () => now);
    c.set('a', alert('a'));
    now += 59_999;
    assert.equal(c.get('a')?.id, 'a');
    now += 1;
    assert.equal(c.get('a'), undefined);
  });

  test('past the size bound the oldest entries go first', () => {
    const c = new AlertCache(60_000, 2, () => 0);
    c.set('a', alert('a'));
    c.set('b', alert('b'));
    c.set('a', alert('a')); // refreshed: now the youngest
    c.set('c', alert('c'));
    assert.deepEqual(
      ['a', 'b', 'c'].map((id) => c.get(id)?.id),
      ['a', undefined, 'c'],
    );
  });

  test('a TTL of 0 keeps nothing', () => {
    const c = new AlertCache(0);
    c.set('a', alert('a'));
    assert.equal(c.get('a'), undefined);
  });
});

const graphCalls = (h: GraphSecurityHarness) =>
  h.emulators.entraGraph
    .requests()
    .filter((r) => r.host === 'graph' && !r.batched)
    .map((r) => `${r.method} ${r.path}`);

describe('alert details cache over HTTP', () => {
  let h: GraphSecurityHarness;
  before(async () => {
    h = await startGraphSecurityRelay({ alertCacheSec: 60 });
  });
  after(() => h.close());

  test('a repeated observe reads the alert once; the answer is the same', async () => {
    const body = [{ type: 'sha256', value: HASH_A }];
    h.emulators.entraGraph.clearRequests();
    const first = await h.post('/observe/observables', body);
    const second = await h.post('/observe/observables', body);
    assert.deepEqual(graphCalls(h), [
      'POST /v1.0/security/runHuntingQuery',
      'POST /v1.0/$batch',
      'POST /v1.0/security/runHuntingQuery',
    ]);
    const strip = (a: unknown) => JSON.stringify(a).replace(/transient:sighting-[0-9a-f-]+/g, 'ID');
    assert.equal(strip(second.data), strip(first.data));
  });

  test("another app's token does not use the first app's cache", async () => {
    const other = { clientId: crypto.randomUUID(), secret: `secret-${crypto.randomUUID()}` };
    h.emulators.entraGraph.registerApp({
      tenantId: h.tenantId,
      clientId: other.clientId,
      secrets: [other.secret],
      roles: { graph: ['ThreatHunting.Read.All'] },
    });
    const token = await h.token({ application_id: other.clientId, client_secret: other.secret });
    const res = await h.post('/observe/observables', [{ type: 'sha256', value: HASH_A }], token);
    assert.equal(res.errors?.[0]?.code, 'permission denied', 'it must ask Graph, which refuses it');
  });
});

describe('alert details cache turned off', () => {
  let h: GraphSecurityHarness;
  before(async () => {
    h = await startGraphSecurityRelay({ alertCacheSec: 0 });
  });
  after(() => h.close());

  test('every observe reads its alerts', async () => {
    const body = [{ type: 'sha256', value: HASH_A }];
    h.emulators.entraGraph.clearRequests();
    await h.post('/observe/observables', body);
    await h.post('/observe/observables', body);
    assert.equal(graphCalls(h).filter((c) => c.endsWith('$batch')).length, 2);
  });
});
