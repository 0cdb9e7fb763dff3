// The Archer emulator's security segment and request handling: login and its failures, the session
// header with and without quotes, idle expiry and logout, both base paths, the method override,
// the response envelope and the HTML page a wrong path gets.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ArcherTest, CREDENTIALS, startArcherTest } from './archer-helpers.js';

describe('archer emulator: sessions and envelope', () => {
  let t: ArcherTest;
  let now = 1_000_000;
  before(async () => {
    t = await startArcherTest({ now: () => now, sessionIdleTimeoutMs: 60_000 });
  });
  after(() => t.close());

  test('logs in on both base paths and answers the documented session envelope', async () => {
    for (const base of ['/platformapi', '/api']) {
      const res = await t.login({}, base);
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body).sort(), [
        'IsSuccessful',
        'Links',
        'RequestedObject',
        'ValidationMessages',
      ]);
      assert.equal(res.body.IsSuccessful, true);
      assert.deepEqual(res.body.ValidationMessages, []);
      assert.match(res.body.RequestedObject.SessionToken, /^[0-9A-F]{32}$/);
      assert.equal(res.body.RequestedObject.UserId, 206);
      assert.equal(res.body.RequestedObject.IsAuthenticatedViaRestApi, true);
    }
  });

  test('binds login keys case-insensitively, as the seed project sends them', async () => {
    const res = await t.call('POST', '/platformapi/core/security/login', {
      body: {
        instanceName: CREDENTIALS.InstanceName,
        username: CREDENTIALS.Username.toUpperCase(),
        userDomain: '',
        password: CREDENTIALS.Password,
      },
    });
    assert.equal(res.body.IsSuccessful, true);
  });

  test('answers 200 IsSuccessful:false LoginNotValid for a wrong password, instance or double-encoded body', async () => {
    const bodies = [
      JSON.stringify({ ...CREDENTIALS, Password: 'wrong' }),
      JSON.stringify({ ...CREDENTIALS, InstanceName: 'Other' }),
      JSON.stringify(JSON.stringify(CREDENTIALS)),
    ];
    for (const rawBody of bodies) {
      const res = await t.call('POST', '/platformapi/core/security/login', { rawBody });
      assert.equal(res.status, 200);
      assert.equal(res.body.IsSuccessful, false);
      assert.equal(res.body.RequestedObject, null);
      const [m] = res.body.ValidationMessages;
      assert.equal(m.MessageKey, 'ValidationMessageTemplates:LoginNotValid');
      assert.equal(m.Reason, 'Validation');
      assert.equal(m.Severity, 3);
      assert.match(m.Validator, /SecurityController/);
      assert.ok(!res.text.includes(CREDENTIALS.Password));
    }
  });

  test('answers 401 without a session header, with an unknown token, and accepts quotes or none', async () => {
    assert.equal((await t.call('GET', '/platformapi/core/system/application')).status, 401);
    assert.equal(
      (await t.call('GET', '/platformapi/core/system/application', { token: 'F'.repeat(32) })).status,
      401,
    );
    const token = await t.token();
    const quoted = await t.call('GET', '/platformapi/core/system/application', { token });
    assert.equal(quoted.status, 200);
    const bare = await t.call('GET', '/api/core/system/application', {
      headers: { authorization: `Archer session-id=${token}` },
    });
    assert.equal(bare.status, 200);
    assert.deepEqual(bare.body, quoted.body);
  });

  test('expires a session after the idle timeout and slides it on use', async () => {
    const token = await t.token();
    now += 50_000;
    assert.equal((await t.call('GET', '/api/core/system/level', { token })).status, 200);
    now += 50_000;
    assert.equal((await t.call('GET', '/api/core/system/level', { token })).status, 200);
    now += 60_001;
    const res = await t.call('GET', '/api/core/system/level', { token });
    assert.equal(res.status, 401);
    assert.equal(res.body.Message, 'Authorization has been denied for this request.');
  });

  test('ends sessions on logout and on expireSessions()', async () => {
    const token = await t.token();
    const out = await t.call('POST', '/platformapi/core/security/logout', { token, body: { Value: token } });
    assert.equal(out.body.IsSuccessful, true);
    assert.equal((await t.call('GET', '/api/core/system/level', { token })).status, 401);
    const other = await t.token();
    assert.ok(t.em.expireSessions() >= 1);
    assert.equal((await t.call('GET', '/api/core/system/level', { token: other })).status, 401);
  });

  test('routes a POST with X-Http-Method-Override: GET as a read', async () => {
    const token = await t.token();
    const res = await t.call('POST', '/platformapi/core/system/application/433', {
      token,
      headers: { 'x-http-method-override': 'GET' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.RequestedObject.Name, 'Security Incidents');
    const plainPost = await t.call('POST', '/platformapi/core/system/application/433', { token });
    assert.equal(plainPost.status, 404);
  });

  test('answers a wrong base path with the 200 HTML redirect page', async () => {
    const res = await t.call('GET', '/core/system/application');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /text\/html/);
    assert.match(res.text, /window\.top\.location='\/Default\.aspx'/);
  });
});
