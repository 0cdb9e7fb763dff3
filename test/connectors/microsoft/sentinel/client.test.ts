// The Sentinel connector against the emulated upload APIs over HTTPS: uploads with per-record errors
// by index, both APIs, typed errors naming the workspace and the role, 429s waited out and reported,
// 5xx retried, an expired token replaced, and ping.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { EntraGraphEmulator } from '../../../../emulators/microsoft/index.js';
import { forgetCachedApplications } from '../../../../src/connectors/microsoft/identity/index.js';
import {
  type SentinelClient,
  SentinelError,
  type ThrottleEvent,
  uploadIndicators,
  uploadStixObjects,
} from '../../../../src/connectors/microsoft/sentinel/index.js';
import type { TenantConfig } from '../../../../src/platform/config/tenant.js';
import { sentinelClient, startSentinelEmulator, stixIndicator, WORKSPACE } from './helpers.js';

describe('sentinel client (against the Sentinel emulator)', () => {
  let emu: EntraGraphEmulator;
  let tenant: TenantConfig;
  let client: SentinelClient;
  const throttles: ThrottleEvent[] = [];
  before(async () => {
    ({ emu, tenant } = await startSentinelEmulator());
    client = sentinelClient(emu, tenant, {}, { onThrottled: (e) => throttles.push(e) });
  });
  after(async () => {
    await client.close();
    await forgetCachedApplications();
    await emu.close();
  });
  afterEach(() => {
    emu.clearFaults();
    emu.setSentinelRateLimit({ perMinute: 100, timeScale: 1 });
    throttles.length = 0;
  });
  const stored = (id: unknown) => emu.sentinelObjects(WORKSPACE).find((o) => o.id === id);

  test('uploads STIX objects and answers no errors when all are taken', async () => {
    const objects = [stixIndicator(), stixIndicator()];
    const r = await uploadStixObjects(client, objects);
    assert.equal(r.errors.size, 0);
    for (const o of objects) assert.equal(stored(o.id)?.sourceSystem, 'graphsoc tests');
    await client.ping();
  });

  test('maps per-record errors to their index, also when no object was valid', async () => {
    const objects = [
      stixIndicator(),
      stixIndicator({ pattern: "[domain-name:value = 'x'" }),
      stixIndicator(),
    ];
    const r = await uploadStixObjects(client, objects);
    assert.deepEqual([...r.errors.keys()], [1]);
    assert.match(r.errors.get(1)?.[0] ?? '', /^Error for Property=pattern/);
    const none = await uploadStixObjects(client, [stixIndicator({ valid_from: undefined })]);
    assert.deepEqual([...none.errors.keys()], [0]);
    await assert.rejects(
      () =>
        uploadStixObjects(
          client,
          Array.from({ length: 101 }, () => stixIndicator()),
        ),
      RangeError,
    );
  });

  test('uploads through the legacy Upload Indicators API into the same workspace', async () => {
    const legacy = sentinelClient(emu, tenant, { api: 'upload-indicators' });
    try {
      const i = stixIndicator();
      assert.equal((await uploadIndicators(legacy, [i])).errors.size, 0);
      assert.equal(stored(i.id)?.api, 'upload-indicators');
      await legacy.ping();
    } finally {
      await legacy.close();
    }
  });

  test('an unknown workspace fails with GSOC_SENTINEL_WORKSPACE_NOT_FOUND naming it and the typo trap', async () => {
    const other = '00000000-1111-4222-8333-444444444444';
    const wrong = sentinelClient(emu, tenant, { workspaceId: other });
    try {
      for (const call of [() => uploadStixObjects(wrong, [stixIndicator()]), () => wrong.ping()])
        await assert.rejects(call, (e) => {
          assert.ok(e instanceof SentinelError);
          assert.equal(e.code, 'GSOC_SENTINEL_WORKSPACE_NOT_FOUND');
          assert.equal(e.status, 404);
          assert.match(e.message, new RegExp(other));
          assert.match(e.message, /threat-intelligence-stix-objects:upload/);
          return true;
        });
    } finally {
      await wrong.close();
    }
  });

  test('an app without the role fails with GSOC_SENTINEL_FORBIDDEN naming Microsoft Sentinel Contributor', async () => {
    emu.addSentinelWorkspace({ tenantId: tenant.tenantId, workspaceId: WORKSPACE, contributors: [] });
    try {
      await assert.rejects(
        () => client.ping(),
        (e) =>
          e instanceof SentinelError &&
          e.code === 'GSOC_SENTINEL_FORBIDDEN' &&
          /Microsoft Sentinel Contributor/.test(e.message),
      );
    } finally {
      emu.addSentinelWorkspace({
        tenantId: tenant.tenantId,
        workspaceId: WORKSPACE,
        contributors: [tenant.clientId],
      });
    }
  });

  test('waits out a storm of 429s, reporting each with the wait from the message', async () => {
    emu.addFault({ listener: 'sentinel', status: 429, retryAfterSec: 0, times: 5 });
    const i = stixIndicator();
    assert.equal((await uploadStixObjects(client, [i])).errors.size, 0);
    assert.equal(throttles.length, 5);
    assert.ok(throttles.every((t) => t.retryAfterMs === 0 && t.workspaceId === WORKSPACE));
    assert.equal(stored(i.id)?.versions, 1);
  });

  test('keeps within the real limit: a compressed minute of 2 requests, 5 uploads, all taken', async () => {
    emu.setSentinelRateLimit({ perMinute: 2, timeScale: 60 });
    const objects = Array.from({ length: 5 }, () => stixIndicator());
    for (const o of objects) assert.equal((await uploadStixObjects(client, [o])).errors.size, 0);
    assert.ok(throttles.length >= 1);
    assert.ok(throttles.every((t) => t.retryAfterMs === 1000));
    for (const o of objects) assert.equal(stored(o.id)?.versions, 1);
  });

  test('honours a Retry-After header when one comes, and gives up after its retries with THROTTLED', async () => {
    emu.addFault({ listener: 'sentinel', status: 429, retryAfterSec: 0, retryAfterHttpDate: true, times: 1 });
    await uploadStixObjects(client, [stixIndicator()]);
    assert.equal(throttles.length, 1);
    assert.equal(throttles[0]?.retryAfterMs, 0);
    emu.addFault({ listener: 'sentinel', status: 429, retryAfterSec: 0 });
    await assert.rejects(
      () => uploadStixObjects(client, [stixIndicator()], { retry: { maxRetries: 2 } }),
      (e) => e instanceof SentinelError && e.code === 'GSOC_SENTINEL_THROTTLED' && e.retryAfterMs === 0,
    );
  });

  test('retries a 503 and replaces an expired token', async () => {
    emu.addFault({ listener: 'sentinel', status: 503, retryAfterSec: 0, times: 2 });
    const a = stixIndicator();
    assert.equal((await uploadStixObjects(client, [a])).errors.size, 0);
    emu.addFault({ listener: 'sentinel', expiredToken: true, times: 1 });
    const b = stixIndicator();
    assert.equal((await uploadStixObjects(client, [b])).errors.size, 0);
    assert.equal(stored(a.id)?.versions, 1);
    assert.equal(stored(b.id)?.versions, 1);
    const statuses = emu
      .requests()
      .filter((r) => r.host === 'sentinel')
      .slice(-5)
      .map((r) => r.status);
    assert.deepEqual(statuses, [503, 503, 200, 401, 200]);
  });

  test('fails with SERVICE_FAILED when 5xx outlast the retries', async () => {
    emu.addFault({ listener: 'sentinel', status: 500 });
    await assert.rejects(
      () => uploadStixObjects(client, [stixIndicator()]),
      (e) => e instanceof SentinelError && e.code === 'GSOC_SENTINEL_SERVICE_FAILED' && e.status === 500,
    );
  });
});
