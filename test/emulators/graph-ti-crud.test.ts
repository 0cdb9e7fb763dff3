// The emulated tiIndicators one at a time over HTTPS: create with each target's validation, list with
// $filter, $top and nextLink, get, update, delete; ownership (an app sees and changes only its own),
// the permission, beta only, and a hostile $filter.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseTiFilter, TiFilterError } from '../../emulators/graph-ti/filter.js';
import {
  BASE,
  defenderTarget,
  otherAppToken,
  ownToken,
  resetTi,
  sentinel,
  TI_ROLE,
} from './graph-ti-fixtures.js';
import { CLIENT, graph, type Json, startTestEmulator, TENANT, type TestEmulator } from './helpers.js';

const q = (v: string) => encodeURIComponent(`'${v.replaceAll("'", "''")}'`);

describe('Graph emulator tiIndicators: one at a time', () => {
  let t: TestEmulator;
  let token: string;
  const create = (body: unknown, tok = token) => graph(t, tok, BASE, { method: 'POST', body });

  before(async () => {
    t = await startTestEmulator({}, [TI_ROLE]);
    resetTi(t);
    token = await ownToken(t);
  });
  after(async () => t.close());

  test('creates with 201, the entity context and the service-stamped fields', async () => {
    const res = await create(sentinel('c1', { azureTenantId: 'someone-else' }));
    assert.equal(res.status, 201, res.text);
    assert.match(res.body['@odata.context'], /\$metadata#Security\/tiIndicators\/\$entity$/);
    assert.equal(res.body.azureTenantId, TENANT);
    assert.ok(Date.parse(res.body.ingestedDateTime) > 0);
    assert.equal(res.body.confidence, null);
    assert.deepEqual(res.body.tags, []);
  });

  test("refuses what each target's page refuses, with 400 InvalidInput", async () => {
    const bad: Json[] = [
      sentinel('v', { expirationDateTime: '2024-10-09 06:40:00.123456+00:00' }), // the seed's str(datetime)
      sentinel('v', { expirationDateTime: undefined }),
      sentinel('v', { azureTenantId: undefined }),
      sentinel('v', { threatType: 'Spam' }),
      sentinel('v', { tlpLevel: 'amber+strict' }),
      sentinel('v', { confidence: 101 }),
      sentinel('v', { confidence: 5.5 }),
      sentinel('v', { severity: 6 }),
      sentinel('v', { killChain: ['Lateral'] }),
      sentinel('v', { tags: 'one' }),
      sentinel('v', { description: 'd'.repeat(101) }),
      sentinel('v', { fileHashValue: 'a'.repeat(64) }),
      sentinel('v', { targetProduct: 'Microsoft Sentinel' }),
      defenderTarget('v', { action: 'deny' }),
      defenderTarget('v', { networkDestinationIPv4: undefined, domainName: undefined }),
    ];
    for (const body of bad) {
      const res = await create(body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, 'InvalidInput');
    }
    assert.equal(
      (await create(sentinel('ok', { description: 'd'.repeat(100), confidence: 100 }))).status,
      201,
    );
  });

  test('lists own indicators with $filter on externalId and targetProduct, $top and nextLink', async () => {
    for (let i = 0; i < 5; i++) await create(sentinel(`page-${i}`, { tags: ['paging'] }));
    await create(defenderTarget("it's"));
    const first = await graph(t, token, `${BASE}?$filter=targetProduct eq ${q('Azure Sentinel')}&$top=2`);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.value.length, 2);
    const seen = [...first.body.value];
    let next: string | undefined = first.body['@odata.nextLink'];
    while (next) {
      const page = await graph(t, token, next);
      seen.push(...page.body.value);
      next = page.body['@odata.nextLink'];
    }
    assert.ok(seen.every((v: Json) => v.targetProduct === 'Azure Sentinel'));
    assert.equal(seen.filter((v: Json) => v.tags?.includes('paging')).length, 5);
    const quoted = await graph(t, token, `${BASE}?$filter=externalId eq ${q("it's")}`);
    assert.deepEqual(
      quoted.body.value.map((v: Json) => v.externalId),
      ["it's"],
    );
    const both = "externalId eq 'page-3' and targetProduct eq 'Azure Sentinel'";
    const one = await graph(t, token, `${BASE}?$filter=${encodeURIComponent(both)}`);
    assert.equal(one.body.value.length, 1);
  });

  test('refuses other filters with 400; the filter scanner reads a 1 MB hostile literal in one pass', async () => {
    for (const f of [
      'severity eq 3',
      "externalId ne 'a'",
      "externalId eq 'a' or externalId eq 'b'",
      "externalId eq 'a",
    ]) {
      const res = await graph(t, token, `${BASE}?$filter=${encodeURIComponent(f)}`);
      assert.equal(res.status, 400, f);
    }
    const long = `externalId eq '${"a''".repeat(2_000)}`;
    assert.equal((await graph(t, token, `${BASE}?$filter=${encodeURIComponent(long)}`)).status, 400);
    // A URL of 1 MB never reaches a handler (the listener's header limit), so the scanner is fed directly.
    assert.throws(() => parseTiFilter(`externalId eq '${"a''".repeat(350_000)}`), TiFilterError);
    assert.throws(() => parseTiFilter(`externalId eq 'a' and ${'  '.repeat(500_000)}x`), TiFilterError);
    assert.equal(
      parseTiFilter(`externalId eq '${"''".repeat(500_000)}'`)({ externalId: "'".repeat(500_000) }),
      true,
    );
  });

  test('gets, updates (204, or 200 with return=representation) and deletes one', async () => {
    const made = await create(sentinel('upd'));
    const path = `${BASE}/${made.body.id}`;
    assert.equal((await graph(t, token, path)).body.externalId, 'upd');
    const patch = {
      expirationDateTime: made.body.expirationDateTime,
      targetProduct: 'Azure Sentinel',
      severity: 5,
    };
    assert.equal((await graph(t, token, path, { method: 'PATCH', body: patch })).status, 204);
    const rep = await graph(t, token, path, {
      method: 'PATCH',
      body: { ...patch, confidence: 70 },
      headers: { prefer: 'return=representation' },
    });
    assert.equal(rep.status, 200);
    assert.equal(rep.body.severity, 5);
    assert.equal(rep.body.confidence, 70);
    assert.equal((await graph(t, token, path, { method: 'PATCH', body: { severity: 1 } })).status, 400);
    assert.equal((await graph(t, token, path, { method: 'DELETE' })).status, 204);
    assert.equal((await graph(t, token, path)).status, 404);
    assert.equal((await graph(t, token, path, { method: 'DELETE' })).status, 404);
  });

  test("Defender's target lets an update change only expiry, severity and description", async () => {
    const made = await create(defenderTarget('mde-upd'));
    const path = `${BASE}/${made.body.id}`;
    const base = {
      expirationDateTime: made.body.expirationDateTime,
      targetProduct: 'Microsoft Defender ATP',
    };
    assert.equal(
      (await graph(t, token, path, { method: 'PATCH', body: { ...base, action: 'alert' } })).status,
      400,
    );
    assert.equal(
      (await graph(t, token, path, { method: 'PATCH', body: { ...base, severity: 1 } })).status,
      204,
    );
  });

  test("an app sees and changes only its own indicators; another's read as absent", async () => {
    const mine = await create(sentinel('owned'));
    const other = await otherAppToken(t);
    const theirs = await create(sentinel('owned'), other);
    assert.equal(theirs.status, 201);
    const listed = await graph(t, other, `${BASE}?$filter=externalId eq ${q('owned')}`);
    assert.deepEqual(
      listed.body.value.map((v: Json) => v.id),
      [theirs.body.id],
    );
    assert.equal((await graph(t, other, `${BASE}/${mine.body.id}`)).status, 404);
    assert.equal((await graph(t, other, `${BASE}/${mine.body.id}`, { method: 'DELETE' })).status, 404);
    const del = await graph(t, other, `${BASE}/deleteTiIndicatorsByExternalId`, {
      method: 'POST',
      body: { value: ['owned'] },
    });
    assert.equal(del.body.value[0].code, 0);
    assert.equal(t.em.tiIndicatorCounts(TENANT, CLIENT).owned, 1);
    assert.equal(t.em.tiIndicators(TENANT).filter((v) => v.externalId === 'owned').length, 1);
  });

  test('needs ThreatIndicators.ReadWrite.OwnedBy, and exists only in beta', async () => {
    const without = await t.em.issueAccessToken({
      tenantId: TENANT,
      clientId: CLIENT,
      roles: ['User.Read.All'],
    });
    const denied = await graph(t, without, BASE);
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.code, 'Authorization_RequestDenied');
    const v1 = await graph(t, token, '/v1.0/security/tiIndicators');
    assert.equal(v1.status, 400);
    assert.match(v1.body.error.message, /tiIndicators/);
  });
});
