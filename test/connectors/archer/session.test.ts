// The Archer connector's session against the emulator: one login reused, single-flight login, one
// re-login when the session dies mid-run, refused logins without the password, logout on close,
// retries of 503 and of a dropped connection, and a wrong base URL.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { type ArcherEmulator, startArcherEmulator } from '../../../emulators/archer/index.js';
import {
  ArcherAuthError,
  ArcherError,
  type ArcherClient,
  ArcherConfigError,
  archerConnection,
} from '../../../src/connectors/archer/index.js';
import { archerSchema } from '../../../src/connectors/archer/index.js';
import { clientFor, count } from './helpers.js';

describe('archer connector: session', () => {
  let em: ArcherEmulator;
  const clients: ArcherClient[] = [];
  const client = (over = {}) => {
    const c = clientFor(em, over);
    clients.push(c);
    return c;
  };
  before(async () => {
    em = await startArcherEmulator();
  });
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((c) => c.close()));
    em.clearFaults();
    em.clearRequests();
  });
  after(() => em.close());

  test('logs in once for many calls, including concurrent first calls', async () => {
    const c = client();
    await Promise.all([c.ping(), c.ping(), c.ping(), c.ping()]);
    for (let i = 0; i < 5; i++) await c.ping();
    assert.equal(count(em, '/security/login'), 1);
    assert.equal(count(em, '/system/application'), 9);
  });

  test('logs in again exactly once when the session expires mid-run, without an error', async () => {
    const c = client();
    await c.ping();
    em.expireSessions();
    await Promise.all([c.ping(), c.ping(), c.ping()]);
    assert.equal(count(em, '/security/login'), 2);
  });

  test('recovers from a session killed by a 401 fault in the middle of a flow', async () => {
    const c = client();
    await c.ping();
    em.addFault({ path: '/platformapi/core/system/application', expiredToken: true, times: 1 });
    await c.ping();
    assert.equal(count(em, '/security/login'), 2);
  });

  test('gives up with GSOC_ARCHER_SESSION_REJECTED when a fresh session is refused too', async () => {
    const c = client();
    em.addFault({ path: '/platformapi/core/system', status: 401 });
    await assert.rejects(c.ping(), (e: unknown) => {
      assert.ok(e instanceof ArcherError);
      assert.equal(e.code, 'GSOC_ARCHER_SESSION_REJECTED');
      assert.equal(e.status, 401);
      return true;
    });
    assert.equal(count(em, '/security/login'), 2);
  });

  test('throws GSOC_ARCHER_AUTH_FAILED for a bad password, without the password anywhere', async () => {
    const secret = 'Very-Secret-Wrong-Password-42';
    const c = client({ password: secret });
    await assert.rejects(c.ping(), (e: unknown) => {
      assert.ok(e instanceof ArcherAuthError);
      assert.equal(e.code, 'GSOC_ARCHER_AUTH_FAILED');
      assert.match(e.message, /LoginNotValid/);
      assert.match(e.message, /apiuser/);
      for (const text of [e.message, JSON.stringify(e), JSON.stringify(e.toJSON()), String(e.stack)])
        assert.ok(!text.includes(secret));
      return true;
    });
    assert.ok(!JSON.stringify(c.connection).includes(secret));
    assert.equal(count(em, '/system/application'), 0);
  });

  test('names what is missing when the [archer] section is incomplete', () => {
    assert.throws(
      () => archerConnection({ baseUrl: em.url, username: 'u' }),
      (e: unknown) => e instanceof ArcherConfigError && /instanceName, password/.test(e.message),
    );
  });

  test('builds the connection from a parsed [archer] config section', async () => {
    const cfg = archerSchema.parse({
      baseUrl: em.url,
      basePath: '/api',
      instanceName: 'Archer',
      username: 'apiuser',
      password: 'x'.repeat(8),
    });
    const conn = archerConnection(cfg);
    assert.equal(conn.basePath, '/api');
    assert.equal(conn.userDomain, '');
  });

  test('logs out on close and sends the logout body once', async () => {
    const c = clientFor(em);
    await c.ping();
    const before = em.sessionCount();
    await c.close();
    assert.equal(count(em, '/security/logout'), 1);
    assert.equal(em.sessionCount(), before - 1);
  });

  test('works on the older /api base path', async () => {
    const c = client({ basePath: '/api' });
    await c.ping();
    assert.deepEqual(
      em.requests().map((e) => e.path),
      ['/api/core/security/login', '/api/core/system/application'],
    );
  });

  test('retries a 503 with Retry-After, on login and on a read', async () => {
    const c = client();
    em.addFault({ path: '/platformapi/core/security/login', status: 503, retryAfterSec: 0, times: 1 });
    em.addFault({ path: '/platformapi/core/system/application', status: 503, retryAfterSec: 0, times: 2 });
    await c.ping();
    assert.deepEqual(
      em.requests().map((e) => e.status),
      [503, 200, 503, 503, 200],
    );
  });

  test('rides out Archer being down (connections dropped) and then up again', async () => {
    const c = client();
    em.addFault({ pathRegex: '^/platformapi/', resetConnection: true, times: 2 });
    await c.ping();
    em.addFault({ id: 'down', pathRegex: '^/platformapi/', status: 503 });
    await assert.rejects(
      client().ping(),
      (e: unknown) => e instanceof ArcherError && e.code === 'GSOC_ARCHER_SERVICE_FAILED',
    );
    em.removeFault('down');
    await c.ping();
  });

  test('says the address is not Archer when it answers an HTML page', async () => {
    const c = client({ baseUrl: `${em.url}/wrong-vdir` });
    await assert.rejects(
      c.ping(),
      (e: unknown) => (e as { code?: string }).code === 'GSOC_ARCHER_NOT_ARCHER',
    );
  });
});

describe('archer connector: idle session timeout', () => {
  test('logs in again once after the session idled out between two runs', async () => {
    let now = 0;
    const em = await startArcherEmulator({ now: () => now, sessionIdleTimeoutMs: 20 * 60_000 });
    const c = clientFor(em);
    try {
      await c.ping();
      now += 10 * 60_000;
      await c.ping();
      now += 21 * 60_000;
      await c.ping();
      await c.ping();
      assert.deepEqual(
        em.requests().map((e) => [e.path.replace('/platformapi/core/', ''), e.status]),
        [
          ['security/login', 200],
          ['system/application', 200],
          ['system/application', 200],
          ['system/application', 401],
          ['security/login', 200],
          ['system/application', 200],
          ['system/application', 200],
        ],
      );
    } finally {
      await c.close();
      await em.close();
    }
  });
});
