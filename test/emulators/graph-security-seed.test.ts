// Behaviour of security seeding: the security/ folder of a seed directory (pasted Graph exports), the
// control API, the emulator handle, and the synthetic alert generator.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Agent } from 'undici';
import { startEntraGraphEmulator, syntheticSecurityData } from '../../emulators/microsoft/index.js';
import { securityFixtures } from './graph-security-fixtures.js';
import { CLIENT, graph, http, type Json, startTestEmulator, TENANT } from './helpers.js';

const OTHER = '7e57e57e-0000-4000-8000-00000000cccc';
const ROLES = [
  'SecurityAlert.Read.All',
  'SecurityIncident.Read.All',
  'SecurityEvents.Read.All',
  'ThreatHunting.Read.All',
];
const ids = (res: Json) => res.body.value.map((x: Json) => x.id);

function seedDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eg-sec-'));
  const fx = securityFixtures(TENANT);
  writeFileSync(
    join(dir, 'tenants.json'),
    JSON.stringify([
      { id: TENANT, displayName: 'Contoso', domains: ['contoso.onmicrosoft.com'] },
      { id: OTHER, displayName: 'Fabrikam', domains: ['fabrikam.example'] },
    ]),
  );
  writeFileSync(
    join(dir, 'apps.json'),
    JSON.stringify([
      { tenantId: TENANT, clientId: CLIENT, secrets: ['s'], roles: { graph: ROLES } },
      { tenantId: OTHER, clientId: CLIENT, secrets: ['s'], roles: { graph: ROLES } },
    ]),
  );
  const sec = join(dir, 'security');
  mkdirSync(join(sec, 'fabrikam.example'), { recursive: true });
  // Pasted exactly as Graph answers: @odata.context and all.
  const [a1, a2, a3, a4] = fx.alertsV2;
  writeFileSync(
    join(sec, 'alerts_v2.json'),
    JSON.stringify({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2',
      value: [a1, a2],
    }),
  );
  // An incidents export made with $expand=alerts carries the other alerts inline.
  const [i101, i102] = fx.incidents;
  writeFileSync(
    join(sec, 'incidents.json'),
    JSON.stringify({ value: [i101, { ...i102, alerts: [a3, a4] }] }),
  );
  writeFileSync(join(sec, 'alerts.json'), JSON.stringify(fx.legacyAlerts));
  writeFileSync(
    join(sec, 'fabrikam.example', 'alerts_v2.json'),
    JSON.stringify([{ id: 'fab-1', title: 'Fabrikam alert', createdDateTime: new Date().toISOString() }]),
  );
  writeFileSync(join(sec, 'synthetic.json'), JSON.stringify([{ tenantId: OTHER, count: 5, seed: 3 }]));
  return dir;
}

describe('security seeding', () => {
  test('a seed directory security/ folder loads per tenant at start and again on reset', async () => {
    const em = await startEntraGraphEmulator({ seedDir: seedDir() });
    const t = { em, agent: new Agent({ connect: { ca: em.caPem } }), close: async () => {} };
    try {
      const tok = await em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT });
      const other = await em.issueAccessToken({ tenantId: OTHER, clientId: CLIENT });
      assert.deepEqual(ids(await graph(t, tok, '/v1.0/security/alerts_v2')), [
        'da001',
        'da002',
        'da003',
        'da004',
      ]);
      const inc = await graph(t, tok, '/v1.0/security/incidents/102?$expand=alerts');
      assert.deepEqual(
        inc.body.alerts.map((a: Json) => a.id),
        ['da003', 'da004'],
      );
      assert.deepEqual(ids(await graph(t, tok, '/v1.0/security/alerts')), ['L1', 'L2']);
      const fab = await graph(t, other, '/v1.0/security/alerts_v2?$count=true');
      assert.equal(fab.body['@odata.count'], 6);
      assert.ok(ids(fab).includes('fab-1'));
      assert.equal((await graph(t, other, '/v1.0/security/alerts')).body.value.length, 5);

      em.seedSecurity(TENANT, { alertsV2: [{ id: 'extra', createdDateTime: new Date().toISOString() }] });
      assert.equal((await graph(t, tok, '/v1.0/security/alerts_v2')).body.value.length, 5);
      assert.equal((await http(t.agent, `${em.graphUrl}/_emulator/reset`, { method: 'POST' })).status, 204);
      assert.equal((await graph(t, tok, '/v1.0/security/alerts_v2')).body.value.length, 4);
    } finally {
      await t.agent.close();
      await em.close();
    }
  });

  test('a security seed file with an object lacking an id stops the start with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eg-sec-bad-'));
    writeFileSync(join(dir, 'tenants.json'), JSON.stringify([{ id: TENANT, displayName: 'Contoso' }]));
    mkdirSync(join(dir, 'security'));
    writeFileSync(join(dir, 'security', 'alerts_v2.json'), JSON.stringify({ value: [{ title: 'no id' }] }));
    await assert.rejects(startEntraGraphEmulator({ seedDir: dir }), /alertsV2\.0\.id/);
  });

  test('the control API seeds security data, validates it, and tunes the hunting quota', async () => {
    const t = await startTestEmulator({}, ROLES);
    try {
      const control = (path: string, method: string, body: unknown) =>
        http(t.agent, `${t.em.graphUrl}/_emulator${path}`, {
          method,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const fx = securityFixtures(TENANT);
      assert.equal(
        (await control('/security', 'POST', { tenantId: TENANT, alertsV2: fx.alertsV2 })).status,
        204,
      );
      assert.equal(
        (await control('/seed', 'POST', { security: [{ legacyAlerts: fx.legacyAlerts }] })).status,
        204,
      );
      const bad = await control('/security', 'POST', { tenantId: TENANT, alertsV2: [{ title: 'x' }] });
      assert.equal(bad.status, 400);
      assert.match(bad.body.message, /alertsV2\.0\.id/);
      assert.equal(
        (await control('/security', 'POST', { tenantId: 'nowhere.example', alertsV2: [{ id: 'x' }] })).status,
        400,
      );
      const token = await t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT });
      assert.equal((await graph(t, token, '/v1.0/security/alerts_v2')).body.value.length, 4);
      assert.equal((await graph(t, token, '/v1.0/security/alerts')).body.value.length, 2);

      assert.equal(
        (await control('/security/hunting-throttle', 'PUT', { capacity: 1, refillPerSec: 0 })).status,
        204,
      );
      const hunt = () =>
        graph(t, token, '/v1.0/security/runHuntingQuery', {
          method: 'POST',
          body: { Query: 'AlertInfo | count' },
        });
      assert.equal((await hunt()).status, 200);
      const throttled = await hunt();
      assert.equal(throttled.status, 429);
      assert.equal(throttled.headers['retry-after'], '3600');
    } finally {
      await t.close();
    }
  });

  test('synthetic data is deterministic and consistent across alerts_v2, incidents, legacy alerts and hunting', async () => {
    const a = syntheticSecurityData(40, { tenantId: TENANT, seed: 9, now: new Date('2026-01-31T00:00:00Z') });
    const b = syntheticSecurityData(40, { tenantId: TENANT, seed: 9, now: new Date('2026-01-31T00:00:00Z') });
    assert.deepEqual(a, b);
    assert.equal(a.alertsV2.length, 40);
    assert.equal(a.legacyAlerts.length, 40);
    const incidentIds = new Set(a.incidents.map((i) => i.id));
    assert.ok(a.alertsV2.every((x) => incidentIds.has(String(x.incidentId)) && Array.isArray(x.evidence)));

    const t = await startTestEmulator({}, ROLES);
    try {
      t.em.generateSecurityAlerts(TENANT, 60, { seed: 4 });
      const token = await t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT });
      const alerts = (await graph(t, token, '/v1.0/security/alerts_v2')).body.value as Json[];
      assert.equal(alerts.length, 60);
      const withFile = alerts.find((x) =>
        x.evidence.some((e: Json) => e['@odata.type'].endsWith('fileEvidence')),
      );
      const sha = withFile.evidence.find((e: Json) => e['@odata.type'].endsWith('fileEvidence')).fileDetails
        .sha256;
      const legacy = await graph(
        t,
        token,
        `/v1.0/security/alerts?$filter=${encodeURIComponent(`fileStates/any(x: x/fileHash/hashValue eq '${sha}')`)}`,
      );
      assert.deepEqual(ids(legacy), [withFile.id]);
      const hunt = await graph(t, token, '/v1.0/security/runHuntingQuery', {
        method: 'POST',
        body: { Query: `AlertEvidence | where SHA256 == "${sha}" | distinct AlertId` },
      });
      assert.deepEqual(hunt.body.results, [{ AlertId: withFile.id }]);
    } finally {
      await t.close();
    }
  });
});
