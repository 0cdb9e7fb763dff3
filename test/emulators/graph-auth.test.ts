// Behaviour of the emulated Graph in front of every resource: bearer token checks, roles, request ids.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CLIENT,
  graph,
  secretToken,
  startTestEmulator,
  TENANT,
  type TestEmulator,
  type Json,
} from './helpers.js';

describe('Graph emulator authentication and authorization', () => {
  let t: TestEmulator;
  let token: string;

  before(async () => {
    t = await startTestEmulator();
    t.em.seedUsers([
      { tenantId: TENANT, displayName: 'Ada', userPrincipalName: 'ada@contoso.onmicrosoft.com' },
    ]);
    token = await secretToken(t);
  });
  after(async () => t.close());

  function assertGraphError(
    res: { status: number; body: Json; headers: Record<string, string> },
    status: number,
    code: string,
  ) {
    assert.equal(res.status, status);
    assert.equal(res.body.error.code, code);
    assert.equal(typeof res.body.error.message, 'string');
    assert.match(res.body.error.innerError.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    assert.equal(res.body.error.innerError['request-id'], res.headers['request-id']);
    assert.equal(res.body.error.innerError['client-request-id'], res.headers['client-request-id']);
  }

  test('a request without a token answers 401 "Access token is empty."', async () => {
    const res = await graph(t, undefined, '/v1.0/users');
    assertGraphError(res, 401, 'InvalidAuthenticationToken');
    assert.equal(res.body.error.message, 'Access token is empty.');
    assert.match(res.headers['www-authenticate'] ?? '', /^Bearer /);
  });

  test('an expired token answers 401 "Access token has expired or is not yet valid."', async () => {
    const expired = await t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT, offsetSec: -7200 });
    const res = await graph(t, expired, '/v1.0/users');
    assertGraphError(res, 401, 'InvalidAuthenticationToken');
    assert.equal(res.body.error.message, 'Access token has expired or is not yet valid.');
  });

  test('a token whose lifetime ran out (tokenLifetimeSec) is refused', async () => {
    const short = await t.em.issueAccessToken({
      tenantId: TENANT,
      clientId: CLIENT,
      lifetimeSec: 1,
      offsetSec: -2,
    });
    const res = await graph(t, short, '/v1.0/organization');
    assert.equal(res.status, 401);
  });

  test('a token for another resource answers 401 invalid audience', async () => {
    const mgmt = await secretToken(t, 'https://management.azure.com/.default');
    const res = await graph(t, mgmt, '/v1.0/users');
    assertGraphError(res, 401, 'InvalidAuthenticationToken');
    assert.match(res.body.error.message, /Invalid audience/);
  });

  test('a tampered token answers 401', async () => {
    const [h, p] = token.split('.');
    const res = await graph(t, `${h}.${p}.${Buffer.from('forged').toString('base64url')}`, '/v1.0/users');
    assertGraphError(res, 401, 'InvalidAuthenticationToken');
  });

  test('a token without the needed app role answers 403 Authorization_RequestDenied', async () => {
    const weak = await t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT, roles: ['Mail.Read'] });
    const res = await graph(t, weak, '/v1.0/users');
    assertGraphError(res, 403, 'Authorization_RequestDenied');
    assert.equal(res.body.error.message, 'Insufficient privileges to complete the operation.');
  });

  test('a read-only role may read users but not create them', async () => {
    const reader = await t.em.issueAccessToken({
      tenantId: TENANT,
      clientId: CLIENT,
      roles: ['User.Read.All'],
    });
    assert.equal((await graph(t, reader, '/v1.0/users')).status, 200);
    const res = await graph(t, reader, '/v1.0/users', { method: 'POST', body: { displayName: 'x' } });
    assert.equal(res.status, 403);
  });

  test('client-request-id is echoed and request-id is set', async () => {
    const res = await graph(t, token, '/v1.0/organization', {
      headers: { 'client-request-id': 'my-correlation-1' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers['client-request-id'], 'my-correlation-1');
    assert.match(res.headers['request-id'] ?? '', /^[0-9a-f-]{36}$/);
  });

  test('organization lists the caller tenant with its verified domains', async () => {
    const res = await graph(t, token, '/v1.0/organization');
    assert.equal(res.body.value.length, 1);
    assert.equal(res.body.value[0].id, TENANT);
    assert.equal(res.body.value[0].verifiedDomains[0].name, 'contoso.onmicrosoft.com');
    assert.match(res.body['@odata.context'], /\/v1\.0\/\$metadata#organization$/);
  });

  test('an unknown version or resource answers 400 BadRequest', async () => {
    assert.equal((await graph(t, token, '/v2.0/users')).status, 400);
    const badUrl = await graph(t, token, '/v1.0/users/%E0%A4%A');
    assert.equal(badUrl.status, 400);
    assert.equal(typeof badUrl.body.error.code, 'string');
    const res = await graph(t, token, '/v1.0/nothingHere');
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'BadRequest');
  });

  test('the request log records method, path, status, app and tenant', async () => {
    t.em.clearRequests();
    await graph(t, token, '/v1.0/users?$top=1');
    const [entry] = t.em.requests();
    assert.equal(entry?.host, 'graph');
    assert.equal(entry?.path, '/v1.0/users');
    assert.deepEqual(entry?.query, { $top: '1' });
    assert.equal(entry?.status, 200);
    assert.equal(entry?.appId, CLIENT);
    assert.equal(entry?.tenantId, TENANT);
  });
});
