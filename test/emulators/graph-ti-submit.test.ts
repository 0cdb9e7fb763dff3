// The emulated tiIndicators bulk actions over HTTPS: submitTiIndicators (200, 206 with per-item
// JSON-encoded errors, 400), not an upsert, delete by id and by externalId, Defender's tenant limit,
// throttling.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  BASE,
  defenderTarget,
  itemError,
  ownToken,
  resetTi,
  sentinel,
  TI_ROLE,
} from './graph-ti-fixtures.js';
import { graph, type Json, startTestEmulator, TENANT, type TestEmulator } from './helpers.js';

describe('Graph emulator tiIndicators: bulk actions', () => {
  let t: TestEmulator;
  let token: string;
  const post = (action: string, body: unknown) =>
    graph(t, token, `${BASE}/${action}`, { method: 'POST', body });

  before(async () => {
    t = await startTestEmulator({}, [TI_ROLE]);
    token = await ownToken(t);
  });
  beforeEach(() => resetTi(t));
  after(async () => t.close());

  test('submits all: 200 with each indicator, its id and externalId; extra properties are echoed', async () => {
    const res = await post('submitTiIndicators', {
      value: [sentinel('a'), { ...sentinel('b'), requestHash: 'h-b' }],
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.value.length, 2);
    const [a, b] = res.body.value as Json[];
    assert.equal(a['@odata.type'], '#microsoft.graph.tiIndicator');
    assert.match(a.id, /^[0-9a-f-]{36}$/);
    assert.equal(a.externalId, 'a');
    assert.equal(a.azureTenantId, TENANT);
    assert.equal(a.severity, 3);
    assert.equal(a.isActive, true);
    assert.equal(b.requestHash, 'h-b');
    assert.deepEqual(t.em.tiIndicatorCounts(TENANT), { a: 1, b: 1 });
  });

  test('answers 206 when some fail; a refused item carries its externalId and a JSON-encoded Error', async () => {
    const noObservable = sentinel('bad');
    delete noObservable.domainName;
    const res = await post('submitTiIndicators', {
      value: [sentinel('good'), noObservable, sentinel('long', { description: 'x'.repeat(101) })],
    });
    assert.equal(res.status, 206, res.text);
    const [good, bad, long] = res.body.value as Json[];
    assert.ok(good.id);
    assert.equal(bad.externalId, 'bad');
    assert.equal(bad.id, undefined);
    assert.equal(typeof bad.Error, 'string');
    assert.equal(itemError(bad).error.code, 'InvalidInput');
    assert.equal(itemError(bad).error.message, 'Missing indicators value');
    assert.match(itemError(long).error.message, /100 characters/);
    assert.deepEqual(t.em.tiIndicatorCounts(TENANT), { good: 1 });
  });

  test('refuses bodies it cannot read and more than 100 indicators with 400', async () => {
    for (const body of [{ value: 'x' }, [sentinel('a')], {}, { value: [] }]) {
      const res = await post('submitTiIndicators', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(typeof res.body.error.code, 'string');
    }
    const many = Array.from({ length: 101 }, (_, i) => sentinel(`m${i}`));
    assert.equal((await post('submitTiIndicators', { value: many })).status, 400);
    const broken = await graph(t, token, `${BASE}/submitTiIndicators`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(broken.status, 400);
    assert.deepEqual(t.em.tiIndicatorCounts(TENANT), {});
  });

  test('is not an upsert: a second submit of one externalId makes a second indicator', async () => {
    await post('submitTiIndicators', { value: [sentinel('twice')] });
    await post('submitTiIndicators', { value: [sentinel('twice')] });
    assert.deepEqual(t.em.tiIndicatorCounts(TENANT), { twice: 2 });
  });

  test('deleteTiIndicatorsByExternalId removes every copy and answers one resultInfo per value', async () => {
    await post('submitTiIndicators', { value: [sentinel('x'), sentinel('x'), sentinel('y')] });
    const res = await post('deleteTiIndicatorsByExternalId', { value: ['x', 'nope'] });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      res.body.value.map((r: Json) => r.code),
      [0, 404],
    );
    assert.deepEqual(t.em.tiIndicatorCounts(TENANT), { y: 1 });
  });

  test('deleteTiIndicators deletes by id, 404 for an unknown one', async () => {
    const made = await post('submitTiIndicators', { value: [sentinel('p'), sentinel('q')] });
    const ids = made.body.value.map((v: Json) => v.id);
    const res = await post('deleteTiIndicators', { value: [ids[0], 'not-an-id'] });
    assert.deepEqual(
      res.body.value.map((r: Json) => r.code),
      [0, 404],
    );
    assert.deepEqual(t.em.tiIndicatorCounts(TENANT), { q: 1 });
  });

  test("holds Defender's target to its per-tenant limit; Sentinel's is not counted", async () => {
    t.em.setTiIndicatorLimit(2);
    const res = await post('submitTiIndicators', {
      value: [defenderTarget('d1'), defenderTarget('d2'), defenderTarget('d3'), sentinel('s1')],
    });
    assert.equal(res.status, 206, res.text);
    const codes = res.body.value.map((v: Json) => (v.Error ? itemError(v).error.code : 'ok'));
    assert.deepEqual(codes, ['ok', 'ok', 'QuotaExceeded', 'ok']);
  });

  test("Defender's target needs a destination address, not networkIPv4 alone", async () => {
    const res = await post('submitTiIndicators', {
      value: [
        defenderTarget('v4', { networkDestinationIPv4: undefined, networkIPv4: '203.0.113.9' }),
        defenderTarget('hash', {
          networkDestinationIPv4: undefined,
          fileHashType: 'sha256',
          fileHashValue: 'b'.repeat(64),
        }),
      ],
    });
    assert.equal(res.status, 206, res.text);
    assert.match(itemError(res.body.value[0]).error.message, /networkDestinationIPv4/);
    assert.ok(res.body.value[1].id);
  });

  test('throttles with 429 and Retry-After before doing anything', async () => {
    t.em.setThrottle({ capacity: 1, refillPerSec: 0.01 });
    try {
      assert.equal((await post('submitTiIndicators', { value: [sentinel('t1')] })).status, 200);
      const res = await post('submitTiIndicators', { value: [sentinel('t2')] });
      assert.equal(res.status, 429);
      assert.ok(Number(res.headers['retry-after']) >= 1);
      assert.deepEqual(t.em.tiIndicatorCounts(TENANT), { t1: 1 });
    } finally {
      t.em.setThrottle({ capacity: 10_000, refillPerSec: 2_000 });
    }
  });
});
