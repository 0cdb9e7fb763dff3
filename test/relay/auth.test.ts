// At least 30 hostile configuration tokens: each gets the protocol's authorization error (HTTP 200),
// never a 500, and no request ever goes to a JWKS host that is not on the allow-list.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import { after, before, describe, test } from 'node:test';
import { exportJWK, SignJWT } from 'jose';
import { CLAIMS, type RelayHarness, startRelay } from './helpers.js';

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

describe('relay auth: hostile tokens', () => {
  let r: RelayHarness;
  let trap: Server;
  let trapHits = 0;
  let trapHost = '';
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });

  before(async () => {
    r = await startRelay({ hs256Secret: undefined });
    trap = createServer((_q, s) => {
      trapHits++;
      s.end('{}');
    });
    await new Promise<void>((res) => trap.listen(0, '127.0.0.1', () => res()));
    const a = trap.address();
    trapHost = `127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  });
  after(async () => {
    trap.close();
    await r.close();
  });

  /** A token signed with the attacker's own key, claiming whatever it likes. */
  const forged = (payload: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: r.jwks.currentKid(), ...header })
      .sign(attacker.privateKey);
  const valid = () => ({ ...CLAIMS, jwks_host: r.jwks.jwksHost, aud: r.url, exp: now() + 600 });

  const cases: Array<[string, () => Promise<string> | string, RegExp]> = [
    ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(valid())}.`, /Unsupported JWT algorithm/],
    [
      'alg None with a signature',
      () => `${b64({ alg: 'None' })}.${b64(valid())}.c2ln`,
      /Unsupported JWT algorithm/,
    ],
    [
      'HS256 signed with the public JWKS key as secret',
      async () => {
        const pub = JSON.stringify(await exportJWK(attacker.publicKey));
        return new SignJWT(valid()).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(pub));
      },
      /Unsupported JWT algorithm/,
    ],
    [
      'HS512',
      () =>
        new SignJWT(valid())
          .setProtectedHeader({ alg: 'HS512' })
          .sign(new TextEncoder().encode('x'.repeat(64))),
      /Unsupported JWT algorithm/,
    ],
    [
      'RS512',
      () =>
        new SignJWT(valid())
          .setProtectedHeader({ alg: 'RS512', kid: r.jwks.currentKid() })
          .sign(attacker.privateKey),
      /Unsupported JWT algorithm/,
    ],
    [
      'PS256',
      () =>
        new SignJWT(valid())
          .setProtectedHeader({ alg: 'PS256', kid: r.jwks.currentKid() })
          .sign(attacker.privateKey),
      /Unsupported JWT algorithm/,
    ],
    [
      'signed with a foreign key under the real kid',
      () => forged(valid()),
      /Failed to decode JWT with provided key/,
    ],
    [
      'wrong audience',
      () => r.token(CLAIMS, { audience: 'https://other-relay.example' }),
      /Wrong configuration-token-audience/,
    ],
    [
      'audience of another path on this host',
      () => r.token(CLAIMS, { audience: `${r.url}/relay/other` }),
      /Wrong configuration-token-audience/,
    ],
    ['expired an hour ago', () => r.token(CLAIMS, { expiresInSec: -3600 }), /The JWT has expired/],
    ['no exp at all', () => r.token(CLAIMS, { expiresInSec: null }), /exp is required/],
    ['missing jwks_host', () => forged({ ...valid(), jwks_host: undefined }), /jwks_host is missing/],
    ['empty jwks_host', () => forged({ ...valid(), jwks_host: '' }), /jwks_host is missing/],
    [
      'jwks_host of a trap server',
      () => forged({ ...valid(), jwks_host: trapHost }),
      /not on the allow-list/,
    ],
    [
      'jwks_host of a cloud metadata address',
      () => forged({ ...valid(), jwks_host: '169.254.169.254' }),
      /not on the allow-list/,
    ],
    [
      'jwks_host with a path',
      () => forged({ ...valid(), jwks_host: `${r.jwks.jwksHost}/../evil` }),
      /not on the allow-list/,
    ],
    [
      'jwks_host with userinfo',
      () => forged({ ...valid(), jwks_host: `x@${trapHost}` }),
      /not on the allow-list/,
    ],
    ['jwks_host as a number', () => forged({ ...valid(), jwks_host: 42 }), /jwks_host is missing/],
    [
      'jwks_host as a list',
      () => forged({ ...valid(), jwks_host: [r.jwks.jwksHost] }),
      /jwks_host is missing/,
    ],
    ['unknown kid', () => forged(valid(), { kid: 'NOT-A-KID' }), /kid from JWT header not found/],
    [
      'no kid',
      () => new SignJWT(valid()).setProtectedHeader({ alg: 'RS256' }).sign(attacker.privateKey),
      /kid from JWT header not found/,
    ],
    ['two segments', () => `${b64({ alg: 'RS256' })}.${b64(valid())}`, /Wrong JWT structure/],
    ['four segments', () => `${b64({ alg: 'RS256' })}.${b64(valid())}.a.b`, /Wrong JWT structure/],
    ['header not base64', () => `!!!.${b64(valid())}.sig`, /Wrong JWT structure/],
    ['header not JSON', () => `${b64('not json')}.${b64(valid())}.sig`, /Wrong JWT structure/],
    [
      'payload not JSON',
      () => `${b64({ alg: 'RS256', kid: 'k' })}.${b64('nope')}.sig`,
      /Wrong JWT structure/,
    ],
    [
      'payload a JSON array',
      () => `${b64({ alg: 'RS256', kid: 'k' })}.${b64([1, 2])}.sig`,
      /Wrong JWT structure/,
    ],
    [
      'oversized token (10 KB)',
      () => `${b64({ alg: 'RS256' })}.${'A'.repeat(10_000)}.sig`,
      /Wrong JWT structure/,
    ],
    [
      'signature stripped from a valid token',
      async () => `${(await r.token()).split('.').slice(0, 2).join('.')}.`,
      /Failed to decode JWT/,
    ],
    [
      'payload swapped into a valid token',
      async () => {
        const [h, , s] = (await r.token()).split('.');
        return `${h}.${b64({ ...valid(), tenant_id: 'victim' })}.${s}`;
      },
      /Failed to decode JWT with provided key/,
    ],
    ['missing module claims', () => r.token({ tenant_id: 't' }), /Wrong JWT payload structure/],
    [
      'module claims of the wrong type',
      () => r.token({ ...CLAIMS, client_secret: 12 }),
      /Wrong JWT payload structure/,
    ],
    [
      'not valid yet (nbf in an hour)',
      () => r.jwks.sign({ audience: r.url, claims: { ...CLAIMS, nbf: now() + 3600 } }),
      /not valid yet/,
    ],
  ];

  assert.ok(cases.length >= 30);
  for (const [what, make, message] of cases) {
    test(what, async () => {
      const res = await r.post(
        '/relay/echo/observe/observables',
        [{ type: 'ip', value: '1.1.1.1' }],
        await make(),
      );
      assert.equal(res.status, 200);
      assert.equal(res.body.data, undefined);
      assert.equal(res.body.errors?.length, 1, JSON.stringify(res.body));
      assert.equal(res.body.errors?.[0]?.code, 'authorization error');
      assert.match(res.body.errors?.[0]?.message ?? '', /^Authorization failed: /);
      assert.match(res.body.errors?.[0]?.message ?? '', message);
    });
  }

  test('header problems: missing, wrong scheme, extra words', async () => {
    const missing = await r.post('/relay/echo/health', {}, null);
    assert.equal(missing.body.errors?.[0]?.message, 'Authorization failed: Authorization header is missing');
    const basic = await r.post('/relay/echo/health', {}, null, { authorization: 'Basic abc' });
    assert.equal(basic.body.errors?.[0]?.message, 'Authorization failed: Wrong authorization type');
    const extra = await r.post('/relay/echo/health', {}, null, { authorization: 'Bearer a b' });
    assert.equal(extra.body.errors?.[0]?.message, 'Authorization failed: Wrong JWT structure');
  });

  test('no request ever reached a host off the allow-list', () => {
    assert.equal(trapHits, 0);
  });

  test('the JWKS is fetched once and cached across requests', async () => {
    r.jwks.clearRequests();
    for (let i = 0; i < 5; i++) await r.post('/relay/echo/health', {});
    assert.ok(r.jwks.requests().filter((q) => q.path === '/.well-known/jwks').length <= 1);
  });

  test('after a key rotation the relay refetches once for the new kid', async () => {
    await r.jwks.rotate();
    r.jwks.clearRequests();
    const res = await r.post('/relay/echo/health', {});
    assert.deepEqual(res.body, { data: { status: 'ok' } });
    assert.equal(r.jwks.requests().filter((q) => q.path === '/.well-known/jwks').length, 1);
  });

  test("a JWKS host that fails answers the seeds' wrong jwks_host message", async () => {
    await r.jwks.rotate();
    r.jwks.addFault({ status: 500, times: 5 });
    const res = await r.post('/relay/echo/health', {});
    r.jwks.clearFaults();
    assert.match(res.body.errors?.[0]?.message ?? '', /Wrong jwks_host in JWT payload/);
  });
});

describe('relay auth: legacy HS256', () => {
  let r: RelayHarness;
  const secret = 'legacy-relay-secret-0123456789abcdef';
  before(async () => {
    r = await startRelay({ hs256Secret: secret });
  });
  after(() => r.close());
  const sign = (payload: Record<string, unknown>, key = secret) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(key));

  test('accepts a token signed with the configured secret', async () => {
    const res = await r.post('/relay/echo/health', {}, await sign({ ...CLAIMS, exp: now() + 60 }));
    assert.deepEqual(res.body, { data: { status: 'ok' } });
  });

  test('refuses another secret, and a token without exp', async () => {
    const wrong = await r.post(
      '/relay/echo/health',
      {},
      await sign({ ...CLAIMS, exp: now() + 60 }, 'other-secret-0123456789abcdef0123'),
    );
    assert.match(wrong.body.errors?.[0]?.message ?? '', /Failed to decode JWT with provided key/);
    const noExp = await r.post('/relay/echo/health', {}, await sign({ ...CLAIMS }));
    assert.match(noExp.body.errors?.[0]?.message ?? '', /exp is required/);
  });
});
