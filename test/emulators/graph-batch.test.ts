// Behaviour of the emulated Graph JSON batching: limits, dependsOn, permissions and per-item throttling.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { CLIENT, graph, secretToken, startTestEmulator, TENANT, type TestEmulator } from './helpers.js';

describe('Graph emulator $batch', () => {
  let t: TestEmulator;
  let token: string;

  before(async () => {
    t = await startTestEmulator();
    t.em.generateUsers(TENANT, 50);
    token = await secretToken(t);
  });
  beforeEach(() => {
    t.em.clearFaults();
    t.em.clearRequests();
  });
  after(async () => t.close());

  const getUser = (i: number) => ({
    id: String(i),
    method: 'GET',
    url: `/users/user${i}@contoso.onmicrosoft.com?$select=id,displayName`,
  });
  const batch = (requests: unknown[], authToken = token) =>
    graph(t, authToken, '/v1.0/$batch', { method: 'POST', body: { requests } });

  test('items run through the same handlers and answer {id, status, headers, body}', async () => {
    const res = await batch([getUser(1), getUser(2), { id: '3', method: 'GET', url: '/users/nobody@x' }]);
    assert.equal(res.status, 200);
    const [a, b, c] = res.body.responses;
    assert.deepEqual([a.id, a.status, a.body.displayName], ['1', 200, 'User 1']);
    assert.equal(b.body.displayName, 'User 2');
    assert.match(a.headers['Content-Type'], /^application\/json/);
    assert.equal(c.status, 404);
    assert.equal(c.body.error.code, 'Request_ResourceNotFound');
  });

  test('an individual item throttled by a batchItem fault answers 429 with its own Retry-After', async () => {
    t.em.addFault({ batchItem: true, path: '/v1.0/users', status: 429, retryAfterSec: 7, everyNth: 2 });
    const res = await batch([getUser(1), getUser(2), getUser(3), getUser(4)]);
    const statuses = res.body.responses.map((r: { status: number }) => r.status);
    assert.deepEqual(statuses, [200, 429, 200, 429]);
    const throttled = res.body.responses[1];
    assert.equal(throttled.headers['Retry-After'], '7');
    assert.equal(throttled.body.error.code, 'TooManyRequests');
  });

  test('a ratio spreads throttled items evenly across the batch', async () => {
    t.em.addFault({ batchItem: true, status: 429, retryAfterSec: 2, ratio: 0.25 });
    const res = await batch(Array.from({ length: 8 }, (_, i) => getUser(i)));
    assert.equal(res.body.responses.filter((r: { status: number }) => r.status === 429).length, 2);
  });

  test('more than 20 requests answer 400 for the whole batch', async () => {
    const res = await batch(Array.from({ length: 21 }, (_, i) => getUser(i)));
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'BadRequest');
    assert.match(res.body.error.message, /20/);
  });

  test('duplicate ids and unknown dependsOn answer 400', async () => {
    assert.equal((await batch([getUser(1), getUser(1)])).status, 400);
    assert.equal((await batch([{ ...getUser(1), dependsOn: ['9'] }])).status, 400);
    assert.equal((await batch([])).status, 400);
    const malformed = await graph(t, token, '/v1.0/$batch', {
      method: 'POST',
      body: { requests: [{ id: 1 }] },
    });
    assert.equal(malformed.status, 400);
  });

  test('dependsOn runs the dependency first and fails dependants of a failed request with 424', async () => {
    const res = await batch([
      { id: 'b', method: 'GET', url: '/users/user2@contoso.onmicrosoft.com', dependsOn: ['a'] },
      {
        id: 'a',
        method: 'POST',
        url: '/users',
        headers: { 'Content-Type': 'application/json' },
        body: {
          accountEnabled: true,
          displayName: 'New',
          mailNickname: 'new',
          userPrincipalName: 'new@contoso.onmicrosoft.com',
          passwordProfile: { password: 'Xy!9-not-a-real-one' },
        },
      },
      { id: 'c', method: 'GET', url: '/users/nobody@x' },
      { id: 'd', method: 'GET', url: '/organization', dependsOn: ['c'] },
    ]);
    const byId = Object.fromEntries(res.body.responses.map((r: { id: string }) => [r.id, r]));
    assert.equal(byId.a.status, 201);
    assert.equal(byId.b.status, 200);
    assert.equal(byId.d.status, 424);
    const order = t.em
      .requests()
      .filter((r) => r.batched)
      .map((r) => r.batchItemId);
    assert.deepEqual(order, ['a', 'c', 'b', 'd']);
  });

  test('permissions are checked per item', async () => {
    const orgOnly = await t.em.issueAccessToken({
      tenantId: TENANT,
      clientId: CLIENT,
      roles: ['Organization.Read.All'],
    });
    const res = await batch([{ id: '1', method: 'GET', url: '/organization' }, getUser(2)], orgOnly);
    assert.deepEqual(
      res.body.responses.map((r: { status: number }) => r.status),
      [200, 403],
    );
  });

  test('the request log holds the batch and each item, marked batched', async () => {
    await batch([getUser(1), getUser(2)]);
    const log = t.em.requests();
    assert.equal(log.filter((r) => r.path === '/v1.0/$batch').length, 1);
    const items = log.filter((r) => r.batched);
    assert.equal(items.length, 2);
    assert.equal(items[0]?.path, '/v1.0/users/user1@contoso.onmicrosoft.com');
    assert.deepEqual(items[0]?.query, { $select: 'id,displayName' });
    assert.equal(items[0]?.appId, CLIENT);
  });

  test('the throttle bucket throttles batch items once it is empty', async () => {
    t.em.setThrottle({ capacity: 3, refillPerSec: 0.5 });
    try {
      const res = await batch([getUser(1), getUser(2), getUser(3), getUser(4)]);
      const statuses = res.body.responses.map((r: { status: number }) => r.status);
      assert.deepEqual(statuses, [200, 200, 429, 429]);
      assert.ok(Number(res.body.responses[2].headers['Retry-After']) >= 1);
    } finally {
      t.em.setThrottle({ capacity: 10_000, refillPerSec: 2_000 });
    }
  });
});
