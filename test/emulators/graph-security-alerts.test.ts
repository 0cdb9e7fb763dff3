// Behaviour of the emulated Graph security alerts: alerts_v2, incidents and legacy /security/alerts over
// real HTTPS: app roles, 404 bodies, paging, $filter (including the seed relay's legacy shapes) and $batch.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HASH_A, securityFixtures, TRICKY_NAME, TRICKY_URL } from './graph-security-fixtures.js';
import { CLIENT, graph, type Json, startTestEmulator, TENANT, type TestEmulator } from './helpers.js';

const ROLES = [
  'SecurityAlert.Read.All',
  'SecurityIncident.Read.All',
  'SecurityEvents.Read.All',
  'ThreatHunting.Read.All',
];

/** OData string literal with '' escaping, percent-encoded for the query string. */
const lit = (v: string) => encodeURIComponent(`'${v.replace(/'/g, "''")}'`);

describe('Graph emulator security alerts', () => {
  let t: TestEmulator;
  let token: string;

  before(async () => {
    t = await startTestEmulator({}, ROLES);
    t.em.seedSecurity(TENANT, securityFixtures(TENANT));
    token = await t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT });
  });
  after(async () => t.close());

  const ids = (res: Json) => res.body.value.map((a: Json) => a.id);

  test('alerts_v2 lists newest first with Graph types and context', async () => {
    const res = await graph(t, token, '/v1.0/security/alerts_v2');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(ids(res), ['da001', 'da002', 'da003', 'da004']);
    assert.match(res.body['@odata.context'], /\$metadata#security\/alerts_v2$/);
    assert.equal(res.body.value[0]['@odata.type'], '#microsoft.graph.security.alert');
    assert.equal(res.body.value[0].evidence.length, 4);
  });

  test('each security endpoint answers 403 Authorization_RequestDenied without its role', async () => {
    const none = await t.em.issueAccessToken({
      tenantId: TENANT,
      clientId: CLIENT,
      roles: ['User.Read.All'],
    });
    for (const path of [
      '/security/alerts_v2',
      '/security/alerts_v2/da001',
      '/security/incidents',
      '/security/alerts',
    ]) {
      const res = await graph(t, none, `/v1.0${path}`);
      assert.equal(res.status, 403, path);
      assert.equal(res.body.error.code, 'Authorization_RequestDenied');
    }
    const hunt = await graph(t, none, '/v1.0/security/runHuntingQuery', {
      method: 'POST',
      body: { Query: 'AlertInfo' },
    });
    assert.equal(hunt.status, 403);
    const alertsOnly = await t.em.issueAccessToken({
      tenantId: TENANT,
      clientId: CLIENT,
      roles: ['SecurityAlert.Read.All'],
    });
    assert.equal((await graph(t, alertsOnly, '/v1.0/security/alerts_v2')).status, 200);
    assert.equal((await graph(t, alertsOnly, '/v1.0/security/incidents')).status, 403);
    assert.equal((await graph(t, alertsOnly, '/v1.0/security/alerts')).status, 403);
  });

  test('a missing alert or incident answers 404 with Graph error body', async () => {
    for (const path of ['/security/alerts_v2/nope', '/security/incidents/999', '/security/alerts/nope']) {
      const res = await graph(t, token, `/v1.0${path}`);
      assert.equal(res.status, 404, path);
      assert.equal(res.body.error.code, 'NotFound');
      assert.ok(res.body.error.innerError['request-id']);
      assert.equal(res.headers['request-id'], res.body.error.innerError['request-id']);
    }
  });

  test('alerts_v2 get by id returns the entity with its evidence', async () => {
    const res = await graph(t, token, '/v1.0/security/alerts_v2/da002');
    assert.equal(res.status, 200);
    assert.match(res.body['@odata.context'], /security\/alerts_v2\/\$entity$/);
    assert.equal(res.body.evidence[0].url, TRICKY_URL);
  });

  test('alerts_v2 $filter on severity, status, serviceSource and createdDateTime ranges', async () => {
    const f = async (filter: string) =>
      ids(await graph(t, token, `/v1.0/security/alerts_v2?$filter=${encodeURIComponent(filter)}`));
    assert.deepEqual(await f("severity eq 'high'"), ['da001']);
    assert.deepEqual(await f("status eq 'new' and severity ne 'high'"), ['da004']);
    assert.deepEqual(await f("serviceSource eq 'microsoftDefenderForEndpoint'"), ['da001', 'da004']);
    assert.deepEqual(await f("severity eq 'low' or severity eq 'medium'"), ['da002', 'da003']);
    const since = new Date(Date.now() - 5 * 86_400_000).toISOString();
    assert.deepEqual(await f(`createdDateTime ge ${since}`), ['da001', 'da002']);
    assert.deepEqual(await f(`createdDateTime le ${since} and createdDateTime ge 2000-01-01T00:00:00Z`), [
      'da003',
      'da004',
    ]);
    assert.deepEqual(
      await f(
        "evidence/any(e: e/microsoft.graph.security.userEvidence/userAccount/userPrincipalName eq 'carol@contoso.com')",
      ),
      ['da003'],
    );
  });

  test('alerts_v2 $filter on an unsupported property or with bad syntax answers 400 BadRequest', async () => {
    for (const filter of [
      "title eq 'x'",
      "severity eq 'high",
      'severity eq',
      "severity eq 'a' and (",
      '^^',
    ]) {
      const res = await graph(t, token, `/v1.0/security/alerts_v2?$filter=${encodeURIComponent(filter)}`);
      assert.equal(res.status, 400, filter);
      assert.equal(res.body.error.code, 'BadRequest');
      assert.match(res.body.error.message, /position \d+/);
    }
  });

  test('alerts_v2 pages with $top and an @odata.nextLink that keeps the filter; $count counts all', async () => {
    const first = await graph(
      t,
      token,
      `/v1.0/security/alerts_v2?$top=1&$count=true&$filter=${encodeURIComponent("status ne 'resolved'")}`,
    );
    assert.equal(first.body['@odata.count'], 3);
    const seen = [...ids(first)];
    let next: string | undefined = first.body['@odata.nextLink'];
    while (next) {
      assert.ok(next.startsWith(t.em.graphUrl));
      const page = await graph(t, token, next);
      seen.push(...ids(page));
      next = page.body['@odata.nextLink'];
    }
    assert.deepEqual(seen, ['da001', 'da002', 'da004']);
    assert.equal((await graph(t, token, '/v1.0/security/alerts_v2?$top=2001')).status, 400);
  });

  test('incidents list and get, with $expand=alerts and /incidents/{id}/alerts', async () => {
    const list = await graph(t, token, '/v1.0/security/incidents');
    assert.deepEqual(ids(list), ['101', '102']);
    assert.equal(list.body.value[0].alerts, undefined);
    const expanded = await graph(t, token, '/v1.0/security/incidents?$expand=alerts');
    assert.deepEqual(
      expanded.body.value[0].alerts.map((a: Json) => a.id),
      ['da001', 'da002'],
    );
    const one = await graph(t, token, '/v1.0/security/incidents/102?$expand=alerts');
    assert.deepEqual(
      one.body.alerts.map((a: Json) => a.id),
      ['da003', 'da004'],
    );
    const sub = await graph(t, token, '/v1.0/security/incidents/101/alerts');
    assert.deepEqual(ids(sub), ['da001', 'da002']);
    const filtered = await graph(
      t,
      token,
      `/v1.0/security/incidents?$filter=${encodeURIComponent("status eq 'resolved'")}`,
    );
    assert.deepEqual(ids(filtered), ['102']);
    assert.equal((await graph(t, token, '/v1.0/security/incidents?$expand=comments')).status, 400);
  });

  test('legacy alerts evaluate the seed relay filter shapes, with quote escaping and encoded & and #', async () => {
    const q = async (filter: string, top = 100) => {
      const res = await graph(t, token, `/v1.0/security/alerts?$filter=${filter}&$top=${top}`);
      assert.equal(res.status, 200, res.text);
      return ids(res);
    };
    assert.deepEqual(await q(`fileStates/any(x: x/fileHash/hashValue eq ${lit(HASH_A)})`), ['L1']);
    assert.deepEqual(await q(`fileStates/any(x: x/name eq ${lit(TRICKY_NAME)})`), ['L1']);
    assert.deepEqual(await q(`fileStates/any(x: x/path eq ${lit('C:\\Temp\\a b')})`), ['L1']);
    assert.deepEqual(await q(`networkConnections/any(x: x/destinationDomain eq ${lit('evil.example')})`), [
      'L1',
    ]);
    assert.deepEqual(await q(`networkConnections/any(x: x/destinationUrl eq ${lit(TRICKY_URL)})`), ['L1']);
    const ip = lit('203.0.113.9');
    assert.deepEqual(
      await q(`networkConnections/any(x: x/sourceAddress eq ${ip} or x/destinationAddress eq ${ip})`),
      ['L1'],
    );
    assert.deepEqual(await q(`hostStates/any(x: x/netBiosName eq ${lit('WS-002')})`), ['L2']);
    assert.deepEqual(await q(`fileStates/any(x: x/name eq ${lit('nothing')})`), []);
    assert.deepEqual(await q(encodeURIComponent("severity eq 'high'"), 1), ['L1']);
    const health = await graph(t, token, '/v1.0/security/alerts?$top=0');
    assert.deepEqual(health.body.value, []);
  });

  test('legacy alerts reject an unescaped quote, $top over 1000 and $skip over 500', async () => {
    const raw = encodeURIComponent(`fileStates/any(x: x/name eq '${TRICKY_NAME}')`);
    const res = await graph(t, token, `/v1.0/security/alerts?$filter=${raw}`);
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'BadRequest');
    assert.equal((await graph(t, token, '/v1.0/security/alerts?$top=1001')).status, 400);
    assert.equal((await graph(t, token, '/v1.0/security/alerts?$skip=501')).status, 400);
  });

  test('security requests work inside $batch, each with its own status', async () => {
    const res = await graph(t, token, '/v1.0/$batch', {
      method: 'POST',
      body: {
        requests: [
          { id: '1', method: 'GET', url: '/security/alerts_v2/da001' },
          { id: '2', method: 'GET', url: '/security/alerts_v2/missing' },
          {
            id: '3',
            method: 'GET',
            url: `/security/alerts?$filter=fileStates/any(x: x/fileHash/hashValue eq ${lit(HASH_A)})`,
          },
          {
            id: '4',
            method: 'POST',
            url: '/security/runHuntingQuery',
            body: { Query: 'AlertInfo | count' },
            headers: { 'content-type': 'application/json' },
          },
        ],
      },
    });
    assert.equal(res.status, 200);
    const byId = Object.fromEntries(res.body.responses.map((r: Json) => [r.id, r]));
    assert.equal(byId['1'].status, 200);
    assert.equal(byId['1'].body.id, 'da001');
    assert.equal(byId['2'].status, 404);
    assert.deepEqual(
      byId['3'].body.value.map((a: Json) => a.id),
      ['L1'],
    );
    assert.equal(byId['4'].status, 200);
    assert.deepEqual(byId['4'].body.results, [{ Count: 3 }]);
  });
});
