// Fault injection on the Archer emulator through the shared fault rules and control API: 5xx with
// Retry-After, a session that dies mid-flow, the HTML page and truncated JSON, plus the request log.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { type ArcherTest, startArcherTest } from './archer-helpers.js';

describe('archer emulator: faults and request log', () => {
  let t: ArcherTest;
  before(async () => {
    t = await startArcherTest();
  });
  afterEach(() => t.em.clearFaults());
  after(() => t.close());

  test('answers an injected 503 with Retry-After once, then normally', async () => {
    const token = await t.token();
    const res = await t.call('POST', '/_emulator/faults', {
      body: { path: '/platformapi/core/system', status: 503, retryAfterSec: 2, times: 1 },
    });
    assert.equal(res.status, 201);
    const first = await t.call('GET', '/platformapi/core/system/application', { token });
    assert.equal(first.status, 503);
    assert.equal(first.headers['retry-after'], '2');
    assert.equal(first.body.Message, 'An error has occurred.');
    assert.equal((await t.call('GET', '/platformapi/core/system/application', { token })).status, 200);
  });

  test("ends the caller's session with an expiredToken fault (401 mid-flow)", async () => {
    const token = await t.token();
    t.em.addFault({ pathRegex: '/core/content$', expiredToken: true, times: 1 });
    const res = await t.call('POST', '/api/core/content', {
      token,
      body: { Content: { LevelId: 232, FieldContents: {} } },
    });
    assert.equal(res.status, 401);
    assert.equal((await t.call('GET', '/api/core/system/level', { token })).status, 401);
  });

  test('serves the HTML redirect page or truncated JSON on a malformedBody fault', async () => {
    const token = await t.token();
    t.em.addFault({ path: '/api/core/system/level', malformedBody: true, code: 'html', times: 1 });
    const html = await t.call('GET', '/api/core/system/level', { token });
    assert.equal(html.status, 200);
    assert.match(html.text, /Default\.aspx/);
    t.em.addFault({ path: '/api/core/system/level', malformedBody: true, times: 1 });
    const cut = await t.call('GET', '/api/core/system/level', { token });
    assert.equal(cut.body, undefined);
  });

  test('logs each request with the session user and the faults that fired', async () => {
    t.em.clearRequests();
    const token = await t.token();
    const id = t.em.addFault({ path: '/api/core/system/application', latencyMs: 1, times: 1 });
    await t.call('GET', '/api/core/system/application', { token });
    const log = t.em.requests();
    assert.deepEqual(
      log.map((e) => [e.method, e.path, e.status]),
      [
        ['POST', '/platformapi/core/security/login', 200],
        ['GET', '/api/core/system/application', 200],
      ],
    );
    assert.equal(log[1]?.appId, 'apiuser');
    assert.deepEqual(log[1]?.faults, [id]);
    const viaApi = await t.call('GET', '/_emulator/requests?host=archer');
    assert.equal(viaApi.body.value.length, 2);
  });

  test('sets the idle timeout and expires sessions through the control API', async () => {
    const token = await t.token();
    assert.equal(
      (await t.call('PUT', '/_emulator/archer/sessions', { body: { idleTimeoutMs: 0 } })).status,
      400,
    );
    const expired = await t.call('POST', '/_emulator/archer/sessions/expire', { body: {} });
    assert.ok(expired.body.expired >= 1);
    assert.equal((await t.call('GET', '/api/core/system/level', { token })).status, 401);
    assert.equal(
      (await t.call('PUT', '/_emulator/archer/sessions', { body: { idleTimeoutMs: 1000 } })).status,
      204,
    );
  });
});
