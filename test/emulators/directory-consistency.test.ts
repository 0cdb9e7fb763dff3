// The directory emulator's replication delay and write quota over real HTTPS, on the emulator clock
// (no wall-clock waits): a new user or group is not found until the delay passed; writes past the
// quota answer 429 with Retry-After until the window ends, counted, in $batch too; injected faults
// reach the provisioning routes; and the control API sets all of it.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { http, TENANT } from './helpers.js';
import {
  assertGraphError,
  type DirectoryFixture,
  newUser,
  ref,
  SKU_A1,
  startDirectory,
} from './directory-fixtures.js';

describe('directory emulator: replication delay, write quota and faults', () => {
  let d: DirectoryFixture;
  const createUser = (nick: string) =>
    d.call('/v1.0/users', { method: 'POST', body: newUser(nick, { usageLocation: 'DE' }) });

  before(async () => {
    d = await startDirectory();
  });
  afterEach(() => {
    d.em.setReplicationDelay(0);
    d.em.setDirectoryWriteLimit({});
    d.em.clearFaults();
  });
  after(async () => d.close());

  test('a new user is not found by GET, $filter or assignLicense until the replication delay passed', async () => {
    d.em.setReplicationDelay(5_000);
    d.em.seedSkus(TENANT, [{ skuId: SKU_A1, skuPartNumber: 'STANDARDWOFFPACK_STUDENT', enabled: 10 }]);
    const created = await createUser('late.user');
    assert.equal(created.status, 201);
    const upn = 'late.user@contoso.onmicrosoft.com';
    assertGraphError(await d.call(`/v1.0/users/${upn}`), 404, 'Request_ResourceNotFound');
    const filtered = await d.call(
      `/v1.0/users?$filter=${encodeURIComponent(`userPrincipalName eq '${upn}'`)}`,
    );
    assert.deepEqual(filtered.body.value, []);
    const body = { addLicenses: [{ skuId: SKU_A1 }], removeLicenses: [] };
    assertGraphError(
      await d.call(`/v1.0/users/${created.body.id}/assignLicense`, { method: 'POST', body }),
      404,
      'Request_ResourceNotFound',
    );
    assertGraphError(
      await createUser('late.user'),
      400,
      'Request_BadRequest',
      /userPrincipalName already exists/,
    );
    assert.ok(d.em.directoryUser(TENANT, upn), 'the handle reads it at once');
    d.clock.now += 5_000;
    assert.equal((await d.call(`/v1.0/users/${upn}`)).status, 200);
    assert.equal(
      (await d.call(`/v1.0/users/${created.body.id}/assignLicense`, { method: 'POST', body })).status,
      200,
    );
  });

  test('a new group is not found, nor can members be added to it, until the delay passed', async () => {
    const ada = (await createUser('group.member')).body.id;
    d.em.setReplicationDelay(2_000);
    const group = await d.call('/v1.0/groups', {
      method: 'POST',
      body: { displayName: 'Late', mailNickname: 'late', mailEnabled: false, securityEnabled: true },
    });
    assert.equal(group.status, 201);
    assertGraphError(await d.call(`/v1.0/groups/${group.body.id}`), 404, 'Request_ResourceNotFound');
    const add = () =>
      d.call(`/v1.0/groups/${group.body.id}/members/$ref`, { method: 'POST', body: ref(ada) });
    assertGraphError(await add(), 404, 'Request_ResourceNotFound');
    d.clock.now += 2_000;
    assert.equal((await add()).status, 204);
  });

  test('writes past the quota answer 429 with Retry-After until the window ends; reads are not counted', async () => {
    d.em.setDirectoryWriteLimit({ requests: 3, windowSec: 150 });
    const before = d.em.directoryWrites(TENANT);
    for (const n of [1, 2, 3]) assert.equal((await createUser(`quota.${n}`)).status, 201);
    assert.equal((await d.call('/v1.0/users?$top=1')).status, 200);
    d.clock.now += 100_000;
    const refused = await createUser('quota.4');
    assertGraphError(refused, 429, 'TooManyRequests');
    assert.equal(refused.headers['retry-after'], '50');
    assert.equal(refused.headers['x-ms-throttle-information'], 'WriteLimitExceeded');
    assert.match(refused.headers['x-ms-throttle-scope'] ?? '', /^Tenant_Application\/Write\//);
    const after = d.em.directoryWrites(TENANT);
    assert.deepEqual([after.accepted - before.accepted, after.throttled - before.throttled], [3, 1]);
    assertGraphError(
      await d.call(`/v1.0/users/quota.1@contoso.onmicrosoft.com`, {
        method: 'PATCH',
        body: { usageLocation: 'FR' },
      }),
      429,
      'TooManyRequests',
    );
    d.clock.now += 50_000;
    assert.equal((await createUser('quota.4')).status, 201);
  });

  test('the default quota is 3,000 writes per 150 s per app and tenant', async () => {
    d.em.setDirectoryWriteLimit({});
    const start = d.em.directoryWrites(TENANT).accepted;
    const id = (await createUser('default.quota')).body.id;
    for (let i = 0; i < 2_999; i++) {
      const res = await d.call(`/v1.0/users/${id}`, { method: 'PATCH', body: { jobTitle: `t${i}` } });
      if (res.status !== 204) assert.fail(`write ${i + 2} answered ${res.status}`);
    }
    assert.equal(d.em.directoryWrites(TENANT).accepted - start, 3_000);
    assert.equal(
      (await d.call(`/v1.0/users/${id}`, { method: 'PATCH', body: { jobTitle: 'over' } })).status,
      429,
    );
  });

  test('writes inside a $batch count against the quota item by item', async () => {
    d.em.setDirectoryWriteLimit({ requests: 2, windowSec: 150 });
    const requests = [1, 2, 3].map((n) => ({
      id: String(n),
      method: 'POST',
      url: '/users',
      headers: { 'Content-Type': 'application/json' },
      body: newUser(`batch.${n}`),
    }));
    const res = await d.call('/v1.0/$batch', { method: 'POST', body: { requests } });
    assert.equal(res.status, 200, res.text);
    const statuses = res.body.responses.map((r: { id: string; status: number }) => [r.id, r.status]);
    assert.deepEqual(statuses, [
      ['1', 201],
      ['2', 201],
      ['3', 429],
    ]);
  });

  test('injected faults reach the provisioning routes', async () => {
    d.em.addFault({ method: 'POST', path: '/v1.0/users', status: 503, retryAfterSec: 2, times: 1 });
    const failed = await createUser('fault.user');
    assertGraphError(failed, 503, 'serviceNotAvailable');
    assert.equal(failed.headers['retry-after'], '2');
    assertGraphError(
      await d.call('/v1.0/users/fault.user@contoso.onmicrosoft.com'),
      404,
      'Request_ResourceNotFound',
    );
    d.em.addFault({ pathRegex: '/assignLicense$', status: 429, retryAfterSec: 3, times: 1 });
    const id = (await createUser('fault.user')).body.id;
    const throttled = await d.call(`/v1.0/users/${id}/assignLicense`, {
      method: 'POST',
      body: { addLicenses: [], removeLicenses: [] },
    });
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers['retry-after'], '3');
  });

  test('the control API seeds SKUs and domains, sets the delay and quota, and reads the write counts', async () => {
    const control = (path: string, method: string, body?: unknown) =>
      http(d.agent, `${d.em.graphUrl}/_emulator${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    assert.equal(
      (
        await control('/directory/skus', 'POST', {
          tenantId: TENANT,
          skus: [{ skuId: SKU_A1, skuPartNumber: 'A1', enabled: 7 }],
        })
      ).status,
      204,
    );
    assert.equal(d.em.licenseSeats(TENANT)[SKU_A1]?.enabled, 7);
    assert.equal(
      (
        await control('/directory/domains', 'POST', {
          tenantId: TENANT,
          domains: [{ id: 'ctl.example', isVerified: true }],
        })
      ).status,
      204,
    );
    assert.equal(
      (
        await d.call('/v1.0/users', {
          method: 'POST',
          body: newUser('ctl', { userPrincipalName: 'ctl@ctl.example' }),
        })
      ).status,
      201,
    );
    assert.equal(
      (
        await control('/directory/settings', 'PUT', {
          replicationDelayMs: 1000,
          writeLimit: { requests: 1, windowSec: 10 },
        })
      ).status,
      204,
    );
    assert.equal((await createUser('ctl.two')).status, 201);
    assert.equal((await createUser('ctl.three')).status, 429);
    assertGraphError(
      await d.call('/v1.0/users/ctl.two@contoso.onmicrosoft.com'),
      404,
      'Request_ResourceNotFound',
    );
    const counts = await control(`/directory/writes?tenantId=${TENANT}`, 'GET');
    assert.equal(counts.status, 200);
    assert.ok(counts.body.throttled >= 1);
    assert.equal((await control('/directory/settings', 'PUT', { writeLimit: { requests: 0 } })).status, 400);
  });
});
