// The emulated Defender for Endpoint machine APIs over real HTTPS: app roles, machines by id and
// DNS name (also derived from the security seed), the machine action life cycle, pending conflicts,
// the documented call limits and shared fault injection. Action completion is driven through the
// completion delay (long, then 0), never by sleeping.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { defender, defenderToken, lit, MACHINE, OTHER_MACHINE } from './defender-helpers.js';
import { http, TENANT, type TestEmulator, startTestEmulator } from './helpers.js';

const ALL = ['Machine.Read.All', 'Machine.Isolate', 'Machine.Scan'];

describe('Defender emulator machines', () => {
  let t: TestEmulator;
  let token: string;
  before(async () => {
    t = await startTestEmulator();
    token = await defenderToken(t, ALL);
  });
  after(() => t.close());
  beforeEach(() => {
    t.em.reset();
    t.em.addTenant({ id: TENANT, displayName: 'Contoso' });
    t.em.seedDefender(TENANT, {
      machines: [
        { id: MACHINE, computerDnsName: "o'brien-pc.contoso.local" },
        { id: OTHER_MACHINE, computerDnsName: 'ws-2.contoso.local' },
      ],
    });
  });

  test('gets a machine by id and finds one by DNS name with an escaped quote', async () => {
    const one = await defender(t, token, `/api/machines/${MACHINE}`);
    assert.equal(one.status, 200, one.text);
    assert.equal(one.body.computerDnsName, "o'brien-pc.contoso.local");
    const found = await defender(
      t,
      token,
      `/api/machines?$filter=computerDnsName eq ${lit("o'brien-pc.contoso.local")}`,
    );
    assert.deepEqual(
      found.body.value.map((m: { id: string }) => m.id),
      [MACHINE],
    );
  });

  test('an unknown machine is 404 ResourceNotFound with the request id as target', async () => {
    const res = await defender(t, token, `/api/machines/${'b'.repeat(40)}`);
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'ResourceNotFound');
    assert.equal(res.body.error.target, res.headers['request-id']);
  });

  test('isolate answers 201 Pending, a second isolate is ActiveRequestAlreadyExists, then it succeeds', async () => {
    // The action stays Pending until the test lets it complete, so neither step races the clock.
    t.em.setDefenderActionCompletionMs(3_600_000);
    const body = { Comment: 'test', IsolationType: 'Selective' };
    const first = await defender(t, token, `/api/machines/${MACHINE}/isolate`, { method: 'POST', body });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.body.type, 'Isolate');
    assert.equal(first.body.status, 'Pending');
    assert.equal(first.body.requestorComment, 'test');
    const again = await defender(t, token, `/api/machines/${MACHINE}/isolate`, { method: 'POST', body });
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, 'ActiveRequestAlreadyExists');
    const pending = await defender(t, token, `/api/machineactions?$filter=machineId eq ${lit(MACHINE)}`);
    assert.equal(pending.body.value[0].status, 'Pending');
    t.em.setDefenderActionCompletionMs(0);
    const actions = await defender(t, token, `/api/machineactions?$filter=machineId eq ${lit(MACHINE)}`);
    assert.equal(actions.body.value[0].status, 'Succeeded');
    assert.equal(actions.body.value[0].id, first.body.id);
  });

  test('the control API sets how long machine actions stay Pending', async () => {
    const put = (completionMs: number) =>
      http(t.agent, `${t.em.defenderUrl}/_emulator/defender/action-completion`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ completionMs }),
      });
    assert.equal((await put(3_600_000)).status, 204);
    const body = { Comment: 'scan', ScanType: 'Quick' };
    const scan = await defender(t, token, `/api/machines/${MACHINE}/runAntiVirusScan`, {
      method: 'POST',
      body,
    });
    assert.equal(scan.body.status, 'Pending');
    assert.equal((await put(0)).status, 204);
    assert.equal(t.em.defenderData(TENANT).machineActions[0]?.status, 'Succeeded');
    assert.equal((await put(-1)).status, 400);
  });

  test('action bodies are validated as the API documents them', async () => {
    const noComment = await defender(t, token, `/api/machines/${MACHINE}/runAntiVirusScan`, {
      method: 'POST',
      body: { ScanType: 'Quick' },
    });
    assert.equal(noComment.status, 400);
    assert.equal(noComment.body.error.code, 'InvalidRequestBody');
    const badType = await defender(t, token, `/api/machines/${MACHINE}/runAntiVirusScan`, {
      method: 'POST',
      body: { Comment: 'x', ScanType: 'Deep' },
    });
    assert.equal(badType.status, 400);
    assert.match(badType.body.error.message, /ScanType/);
  });

  test('each API needs its application role', async () => {
    const readOnly = await defenderToken(t, ['Machine.Read.All']);
    const res = await defender(t, readOnly, `/api/machines/${MACHINE}/isolate`, {
      method: 'POST',
      body: { Comment: 'x', IsolationType: 'Full' },
    });
    assert.equal(res.status, 403);
    assert.match(res.body.error.message, /Machine\.Isolate/);
    const none = await defenderToken(t, ['Machine.Isolate']);
    assert.equal((await defender(t, none, `/api/machines/${MACHINE}`)).status, 403);
  });

  test('a Graph token is refused with 401', async () => {
    const graphToken = await t.em.issueAccessToken({
      tenantId: TENANT,
      clientId: '11111111-1111-4111-8111-111111111111',
      roles: ALL,
    });
    const res = await defender(t, graphToken, `/api/machines/${MACHINE}`);
    assert.equal(res.status, 401);
  });

  test('the per-API limit answers 429 with Retry-After', async () => {
    t.em.setDefenderRateLimit({ perMinute: 2, perHour: 1500 });
    for (let i = 0; i < 2; i++) assert.equal((await defender(t, token, '/api/machines')).status, 200);
    const res = await defender(t, token, '/api/machines');
    assert.equal(res.status, 429);
    assert.equal(res.body.error.code, 'TooManyRequests');
    assert.ok(Number(res.headers['retry-after']) >= 1);
    // Another API has its own budget.
    assert.equal((await defender(t, token, '/api/machineactions')).status, 200);
  });

  test('shared faults render in the Defender error shape', async () => {
    t.em.addFault({ listener: 'defender', path: '/api/machines', status: 503, retryAfterSec: 2, times: 1 });
    const res = await defender(t, token, '/api/machines');
    assert.equal(res.status, 503);
    assert.equal(res.headers['retry-after'], '2');
    assert.equal(res.body.error.code, 'ServiceUnavailable');
  });

  test('devices named by the security seed exist as machines', async () => {
    const dev = 'c'.repeat(40);
    t.em.seedSecurity(TENANT, {
      alertsV2: [
        {
          id: 'dx1',
          createdDateTime: '2026-01-01T00:00:00Z',
          evidence: [
            {
              '@odata.type': '#microsoft.graph.security.deviceEvidence',
              mdeDeviceId: dev,
              deviceDnsName: 'seeded-host.contoso.local',
            },
          ],
        },
      ],
    });
    const res = await defender(
      t,
      token,
      `/api/machines?$filter=computerDnsName eq ${lit('seeded-host.contoso.local')}`,
    );
    assert.deepEqual(
      res.body.value.map((m: { id: string }) => m.id),
      [dev],
    );
  });
});
