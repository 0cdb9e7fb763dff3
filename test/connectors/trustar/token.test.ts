// The TruSTAR connector's token against the emulator: one token for many calls, Basic key:secret,
// refresh shortly before expiry, one renewal on the documented 400 "Expired/Invalid oauth2 access
// token" and on 401, a typed error when a fresh token is refused too, and the secret kept out of errors.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  TrustarAuthError,
  TrustarConfigError,
  TrustarError,
  trustarConnection,
  trustarSchema,
} from '../../../src/connectors/trustar/index.js';
import { count, METATAG, shiftedClock, trustarFixture, closedAfterEach } from './helpers.js';

describe('trustar connector: token', () => {
  const f = trustarFixture();
  const client = closedAfterEach(f);

  test('fetches one token for many calls, concurrent first calls included, with Basic key:secret', async () => {
    const c = client(f.em);
    await Promise.all([c.ping(), c.ping(), c.ping()]);
    await c.ping();
    assert.equal(count(f.em, '/oauth/token'), 1);
    const calls = f.em.calls();
    assert.equal(calls[0]?.path, '/oauth/token');
    assert.equal(calls[0]?.apiKey, 'emulator-api-key');
  });

  test('sends Client-Metatag, Client-Type and Client-Version on every request, the token request included', async () => {
    const c = client(f.em);
    await c.ping();
    await c.ping();
    const calls = f.em.calls();
    assert.equal(calls.length, 3);
    for (const call of calls) {
      assert.equal(call.metatag, METATAG);
      assert.equal(call.clientType, 'API');
      assert.match(call.clientVersion ?? '', /^\d+\.\d+\.\d+/);
    }
  });

  test('fetches a new token shortly before the old one expires, without a refused call', async () => {
    const clock = shiftedClock();
    f.em.setTokenLifetimeMs(600_000);
    const c = client(f.em, {}, { clock });
    await c.ping();
    clock.offsetMs = 580_000; // inside the last 30 s of a 600 s token
    await c.ping();
    assert.equal(count(f.em, '/oauth/token'), 2);
    assert.deepEqual(
      f.em.requests().map((r) => r.status),
      [200, 200, 200, 200],
    );
  });

  test('renews the token once and repeats the call on the 400 "Expired oauth2 access token"', async () => {
    const c = client(f.em);
    await c.ping();
    f.em.expireTokens();
    await c.ping();
    assert.equal(count(f.em, '/oauth/token'), 2);
    assert.deepEqual(
      f.em.calls().map((x) => `${x.path} ${x.status}`),
      [
        '/oauth/token 200',
        '/api/1.3/request-quotas 200',
        '/api/1.3/request-quotas 400',
        '/oauth/token 200',
        '/api/1.3/request-quotas 200',
      ],
    );
  });

  test('renews on "Invalid oauth2 access token" and on 401 alike', async () => {
    const c = client(f.em);
    await c.ping();
    f.em.addFault({
      path: '/api/1.3/',
      expiredToken: true,
      message: 'Invalid oauth2 access token',
      times: 1,
    });
    await c.ping();
    f.em.addFault({ path: '/api/1.3/', status: 401, times: 1 });
    await c.ping();
    assert.equal(count(f.em, '/oauth/token'), 3);
  });

  test('shares one renewal among calls refused together', async () => {
    const c = client(f.em);
    await c.ping();
    f.em.expireTokens();
    await Promise.all([c.ping(), c.ping(), c.ping(), c.ping()]);
    assert.equal(count(f.em, '/oauth/token'), 2);
  });

  test('gives up with GSOC_TRUSTAR_TOKEN_REJECTED when a fresh token is refused too', async () => {
    const c = client(f.em);
    f.em.addFault({ path: '/api/1.3/', expiredToken: true });
    await assert.rejects(c.ping(), (e: unknown) => {
      assert.ok(e instanceof TrustarError);
      assert.equal(e.code, 'GSOC_TRUSTAR_TOKEN_REJECTED');
      assert.equal(e.status, 400);
      assert.match(e.message, /Expired oauth2 access token/);
      assert.ok(e.requestId, 'the Trace-Id is kept as the request id');
      return true;
    });
    assert.equal(count(f.em, '/oauth/token'), 2);
  });

  test('throws GSOC_TRUSTAR_AUTH_FAILED for a wrong secret, without the secret anywhere', async () => {
    const secret = 'Very-Secret-Wrong-TruSTAR-Secret-42';
    const c = client(f.em, { apiSecret: secret });
    await assert.rejects(c.ping(), (e: unknown) => {
      assert.ok(e instanceof TrustarAuthError);
      assert.equal(e.code, 'GSOC_TRUSTAR_AUTH_FAILED');
      assert.match(e.message, /emulator-api-key/);
      for (const text of [e.message, JSON.stringify(e), JSON.stringify(e.toJSON()), String(e.stack)])
        assert.ok(!text.includes(secret));
      return true;
    });
    assert.ok(!JSON.stringify(c.connection).includes(secret));
    assert.equal(count(f.em, '/api/1.3/request-quotas'), 0);
  });

  test('names what is missing when [trustar] is incomplete, and parses a complete section', () => {
    assert.throws(
      () => trustarConnection(trustarSchema.parse({ apiKey: 'k' })),
      (e: unknown) =>
        e instanceof TrustarConfigError && /apiSecret, enclaveIds, clientMetatag/.test(e.message),
    );
    const conn = trustarConnection(
      trustarSchema.parse({
        apiKey: 'k',
        apiSecret: 's',
        enclaveIds: ['59CD8570-5DCE-4E5B-B09C-9807530A7086'],
        clientMetatag: 'graphsoc intel sync',
      }),
    );
    assert.equal(conn.baseUrl, 'https://api.trustar.co');
    assert.equal(conn.pageSize, 1000);
    assert.deepEqual(conn.enclaveIds, ['59cd8570-5dce-4e5b-b09c-9807530a7086']);
  });

  test('refuses a metatag that could not travel as a header, and a page size over 1,000', () => {
    assert.equal(trustarSchema.safeParse({ clientMetatag: 'a\r\nX-Evil: 1' }).success, false);
    assert.equal(trustarSchema.safeParse({ pageSize: 1001 }).success, false);
    assert.equal(trustarSchema.safeParse({ enclaveIds: ['not-a-guid'] }).success, false);
  });
});
