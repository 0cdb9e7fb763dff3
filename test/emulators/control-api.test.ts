// Behaviour of the /_emulator control API: fault rules, latency, request log, seeding, reset, CA download.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  CLIENT,
  graph,
  http,
  postForm,
  SECRET,
  secretToken,
  startTestEmulator,
  TENANT,
  type TestEmulator,
  tokenUrl,
} from './helpers.js';

describe('emulator control API', () => {
  let t: TestEmulator;
  let token: string;

  before(async () => {
    t = await startTestEmulator();
    t.em.generateUsers(TENANT, 5);
    token = await secretToken(t);
  });
  beforeEach(() => t.em.clearFaults());
  after(async () => t.close());

  const control = (path: string, method = 'GET', body?: unknown) =>
    http(t.agent, `${t.em.graphUrl}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  test('a 503 fault with Retry-After applies the given number of times, then expires', async () => {
    const added = await control('/faults', 'POST', {
      listener: 'graph',
      method: 'GET',
      path: '/v1.0/users',
      status: 503,
      retryAfterSec: 3,
      times: 1,
    });
    assert.equal(added.status, 201);
    const first = await graph(t, token, '/v1.0/users');
    assert.equal(first.status, 503);
    assert.equal(first.headers['retry-after'], '3');
    assert.equal(first.body.error.code, 'serviceNotAvailable');
    assert.equal(first.body.error.innerError['request-id'], first.headers['request-id']);
    assert.equal((await graph(t, token, '/v1.0/users')).status, 200);
  });

  test('Retry-After can be sent as an HTTP date', async () => {
    await control('/faults', 'POST', {
      pathRegex: '^/v1\\.0/organization$',
      status: 429,
      retryAfterSec: 30,
      retryAfterHttpDate: true,
    });
    const res = await graph(t, token, '/v1.0/organization');
    assert.equal(res.status, 429);
    const when = Date.parse(res.headers['retry-after'] ?? '');
    assert.ok(when > Date.now() + 20_000 && when < Date.now() + 40_000);
  });

  test('an expiredToken fault answers 401 as Graph does for an expired token', async () => {
    t.em.addFault({ listener: 'graph', expiredToken: true, times: 1 });
    const res = await graph(t, token, '/v1.0/users');
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'InvalidAuthenticationToken');
    assert.equal(res.body.error.message, 'Access token has expired or is not yet valid.');
  });

  test('a malformedBody fault sends truncated JSON', async () => {
    t.em.addFault({ malformedBody: true, path: '/v1.0/users', times: 1 });
    const res = await graph(t, token, '/v1.0/users');
    assert.equal(res.status, 200);
    assert.equal(res.body, undefined);
    assert.throws(() => JSON.parse(res.text));
  });

  test('a resetConnection fault drops the socket', async () => {
    t.em.addFault({ resetConnection: true, path: '/v1.0/users', times: 1 });
    await assert.rejects(graph(t, token, '/v1.0/users'));
    assert.equal((await graph(t, token, '/v1.0/users')).status, 200);
  });

  test('a latency fault delays without changing the answer, and setLatency delays every Graph response', async () => {
    t.em.addFault({ latencyMs: 150, path: '/v1.0/organization', times: 1 });
    let started = performance.now();
    assert.equal((await graph(t, token, '/v1.0/organization')).status, 200);
    assert.ok(performance.now() - started >= 140);
    const put = await control('/latency', 'PUT', { ms: 60 });
    assert.equal(put.status, 204);
    started = performance.now();
    await graph(t, token, '/v1.0/organization');
    assert.ok(performance.now() - started >= 55);
    t.em.setLatency(0);
  });

  test('faults on the login listener answer in the AADSTS shape', async () => {
    t.em.addFault({ listener: 'login', path: `/${TENANT}/oauth2/v2.0/token`, status: 500, times: 1 });
    const res = await postForm(t.agent, tokenUrl(t.em), {
      grant_type: 'client_credentials',
      client_id: CLIENT,
      client_secret: SECRET,
      scope: 'https://graph.microsoft.com/.default',
    });
    assert.equal(res.status, 500);
    assert.equal(res.body.error, 'temporarily_unavailable');
    assert.match(res.body.error_description, /^AADSTS90033: /);
  });

  test('invalid fault bodies answer 400 with the reason', async () => {
    const res = await control('/faults', 'POST', { status: 'x', bogus: true });
    assert.equal(res.status, 400);
    assert.match(res.body.message, /status/);
    const regex = await control('/faults', 'POST', { pathRegex: '(' });
    assert.equal(regex.status, 400);
    assert.match(regex.body.message, /pathRegex/);
    const notJson = await http(t.agent, `${t.em.graphUrl}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    assert.equal(notJson.status, 400);
  });

  test('faults can be listed and cleared over HTTP on either listener', async () => {
    await control('/faults', 'POST', [
      { status: 500, path: '/v1.0/a' },
      { status: 502, path: '/v1.0/b' },
    ]);
    assert.equal((await control('/faults')).body.value.length, 2);
    const del = await http(t.agent, `${t.em.loginUrl}/_emulator/faults`, { method: 'DELETE' });
    assert.equal(del.status, 204);
    assert.equal((await control('/faults')).body.value.length, 0);
  });

  test('the request log is readable and clearable over HTTP', async () => {
    await control('/requests', 'DELETE');
    await graph(t, token, '/v1.0/organization');
    const res = await control('/requests?host=graph');
    assert.equal(res.body.value.length, 1);
    assert.equal(res.body.value[0].path, '/v1.0/organization');
  });

  test('apps registered over HTTP can get tokens; invalid registrations answer 400', async () => {
    const appId = 'dddddddd-0000-4000-8000-00000000000d';
    const reg = await control('/apps', 'POST', {
      tenantId: TENANT,
      clientId: appId,
      secrets: ['s3'],
      roles: { graph: ['User.Read.All'] },
    });
    assert.equal(reg.status, 201);
    const tok = await postForm(t.agent, tokenUrl(t.em), {
      grant_type: 'client_credentials',
      client_id: appId,
      client_secret: 's3',
      scope: 'https://graph.microsoft.com/.default',
    });
    assert.equal(tok.status, 200);
    const bad = await control('/apps', 'POST', { tenantId: 'nope', clientId: appId });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /tenantId/);
  });

  test('the CA can be downloaded as PEM', async () => {
    const res = await http(t.agent, `${t.em.loginUrl}/_emulator/ca.pem`);
    assert.equal(res.text, t.em.caPem);
  });

  test('the token bucket answers 429 TooManyRequests with Retry-After when exhausted', async () => {
    await control('/throttle', 'PUT', { capacity: 2, refillPerSec: 0.2 });
    try {
      await graph(t, token, '/v1.0/organization');
      await graph(t, token, '/v1.0/organization');
      const res = await graph(t, token, '/v1.0/organization');
      assert.equal(res.status, 429);
      assert.equal(res.body.error.code, 'TooManyRequests');
      assert.ok(Number(res.headers['retry-after']) >= 1);
    } finally {
      t.em.setThrottle({ capacity: 10_000, refillPerSec: 2_000 });
    }
  });
});
