// The synchronizer token and the origin check of state-changing requests.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkCsrf, checkSameOrigin, csrfMatches } from '../../../src/platform/web-session/index.js';

const TOKEN = 'Q'.repeat(43);
const session = { csrfToken: TOKEN };
const code =
  (c: string, why?: string) => (e: Error & { code?: string; httpStatus?: number; details?: unknown }) => {
    assert.equal(e.code, c);
    assert.equal(e.httpStatus, 403);
    if (why !== undefined) assert.deepEqual(e.details, { why });
    return true;
  };

describe('CSRF token', () => {
  test("the session's own token passes", () => {
    checkCsrf(session, TOKEN);
    assert.equal(csrfMatches(TOKEN, TOKEN), true);
  });

  test('a missing token is refused as missing', () => {
    for (const t of [undefined, null, ''])
      assert.throws(() => checkCsrf(session, t), code('GSOC_SESSION_CSRF_INVALID', 'missing'));
  });

  test("another session's token, a prefix, a longer one, or a non-string is refused as a mismatch", () => {
    for (const t of [
      'R'.repeat(43),
      TOKEN.slice(0, 42),
      `${TOKEN}x`,
      TOKEN.toLowerCase(),
      [TOKEN],
      42,
      { t: TOKEN },
      'x'.repeat(1_000_000),
    ])
      assert.throws(() => checkCsrf(session, t), code('GSOC_SESSION_CSRF_INVALID', 'mismatch'));
  });

  test('a session without a token matches nothing, not even an empty one', () => {
    assert.equal(csrfMatches('', ''), false);
    assert.equal(csrfMatches('', 'x'), false);
  });
});

describe('origin check of state-changing requests', () => {
  const ORIGIN = 'https://soc.contoso.com';
  const req = (method: string, headers: Record<string, string | string[]>) => ({ method, headers });

  test('safe methods pass whatever their headers', () => {
    for (const m of ['GET', 'head', 'OPTIONS'])
      checkSameOrigin(req(m, { 'sec-fetch-site': 'cross-site' }), ORIGIN);
  });

  test('same-origin requests pass, by Sec-Fetch-Site, Origin or both', () => {
    checkSameOrigin(req('POST', { 'sec-fetch-site': 'same-origin' }), ORIGIN);
    checkSameOrigin(req('POST', { origin: ORIGIN }), ORIGIN);
    checkSameOrigin(req('DELETE', { origin: ORIGIN, 'sec-fetch-site': 'same-origin' }), ORIGIN);
    checkSameOrigin(req('POST', { 'sec-fetch-site': 'none' }), ORIGIN);
    checkSameOrigin(req('POST', { origin: ORIGIN }), `${ORIGIN}/console/`);
  });

  test('cross-site and same-site requests are refused', () => {
    for (const site of ['cross-site', 'same-site', 'bogus'])
      assert.throws(
        () => checkSameOrigin(req('POST', { 'sec-fetch-site': site }), ORIGIN),
        code('GSOC_SESSION_CROSS_SITE'),
      );
  });

  test('Origin null (a form posted under Referrer-Policy no-referrer) passes only when Sec-Fetch-Site says same-origin', () => {
    checkSameOrigin(req('POST', { origin: 'null', 'sec-fetch-site': 'same-origin' }), ORIGIN);
    for (const headers of [
      { origin: 'null' },
      { origin: 'null', 'sec-fetch-site': 'none' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
    ] as Array<Record<string, string>>)
      assert.throws(
        () => checkSameOrigin(req('POST', headers), ORIGIN),
        code('GSOC_SESSION_CROSS_SITE'),
        JSON.stringify(headers),
      );
  });

  test('a foreign, differently-schemed or differently-ported Origin is refused, even with same-origin', () => {
    for (const o of [
      'https://evil.example',
      'http://soc.contoso.com',
      'https://soc.contoso.com:8443',
      'https://soc.contoso.com.evil.example',
      `${ORIGIN}/`,
    ])
      assert.throws(
        () => checkSameOrigin(req('POST', { origin: o, 'sec-fetch-site': 'same-origin' }), ORIGIN),
        code('GSOC_SESSION_CROSS_SITE'),
        o,
      );
  });

  test('a request with neither header, or with a repeated one, is refused', () => {
    assert.throws(() => checkSameOrigin(req('POST', {}), ORIGIN), code('GSOC_SESSION_CROSS_SITE'));
    assert.throws(
      () => checkSameOrigin(req('POST', { origin: [ORIGIN, ORIGIN] }), ORIGIN),
      code('GSOC_SESSION_CROSS_SITE'),
    );
  });
});
