// The session cookie: its attributes in either mode, the mode chosen from the public URL, and reading
// it back from ordinary and hostile Cookie headers (in time linear in their size).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  clearSessionCookie,
  cookieModeFor,
  findCookie,
  readSessionCookie,
  serializeSessionCookie,
} from '../../../src/platform/web-session/index.js';
import { assertLinear, HOSTILE } from '../../helpers/linear-time.js';

const ID = 'A'.repeat(20) + 'b-_'.repeat(7) + '12';
const NOW = 1_800_000_000_000;

describe('session cookie', () => {
  test('secure: __Host- name, HttpOnly, Secure, SameSite=Lax, Path=/, no Domain, until the absolute end', () => {
    const c = serializeSessionCookie(ID, { mode: 'secure', expiresAt: NOW + 3600_500, now: NOW });
    assert.equal(c, `__Host-graphsoc-session=${ID}; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Lax`);
    assert.doesNotMatch(c, /Domain/i);
  });

  test('loopback-http: no prefix and no Secure, everything else the same', () => {
    const c = serializeSessionCookie(ID, { mode: 'loopback-http', expiresAt: NOW + 60_000, now: NOW });
    assert.equal(c, `graphsoc-session=${ID}; Path=/; Max-Age=60; HttpOnly; SameSite=Lax`);
  });

  test('clearing sets an empty value with Max-Age=0 under the same name and attributes', () => {
    assert.equal(
      clearSessionCookie('secure'),
      '__Host-graphsoc-session=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax',
    );
    assert.equal(
      clearSessionCookie('loopback-http'),
      'graphsoc-session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax',
    );
  });

  test('an id the store did not make (header injection, wrong length) is refused, not written', () => {
    for (const bad of [`${ID.slice(1)};`, `${ID.slice(2)}\r\n`, '', ID + ID])
      assert.throws(
        () => serializeSessionCookie(bad, { mode: 'secure', expiresAt: NOW }),
        /GSOC_SESSION_RECORD_INVALID|session store/,
      );
  });

  test('the mode comes from the public URL: https is secure, plain http only on loopback', () => {
    assert.equal(cookieModeFor('https://soc.contoso.com'), 'secure');
    assert.equal(cookieModeFor('https://127.0.0.1:8443/console'), 'secure');
    for (const u of [
      'http://127.0.0.1:8080',
      'http://localhost:8080/',
      'http://[::1]:8080',
      'http://127.1.2.3',
    ])
      assert.equal(cookieModeFor(u), 'loopback-http', u);
    for (const u of [
      'http://soc.contoso.com',
      'http://10.0.0.1',
      'http://localhost.evil.com',
      'http://127.0.0.1.nip.io',
      'ftp://127.0.0.1',
    ])
      assert.throws(
        () => cookieModeFor(u),
        (e: Error & { code?: string }) => e.code === 'GSOC_SESSION_INSECURE_URL',
        u,
      );
  });
});

describe('reading the session cookie', () => {
  test('finds it among others, with spaces, quotes, and in a repeated header', () => {
    assert.equal(readSessionCookie(`a=1; __Host-graphsoc-session=${ID}; b=2`, 'secure'), ID);
    assert.equal(readSessionCookie(`__Host-graphsoc-session = "${ID}" `, 'secure'), ID);
    assert.equal(readSessionCookie(['a=1', `__Host-graphsoc-session=${ID}`], 'secure'), ID);
    assert.equal(readSessionCookie(`graphsoc-session=${ID}`, 'loopback-http'), ID);
  });

  test("each mode reads only its own name: a plain cookie can't stand in for the __Host- one", () => {
    assert.equal(readSessionCookie(`graphsoc-session=${ID}`, 'secure'), undefined);
    assert.equal(readSessionCookie(`__Host-graphsoc-session=${ID}`, 'loopback-http'), undefined);
    assert.equal(
      readSessionCookie(`__host-graphsoc-session=${ID}`, 'secure'),
      undefined,
      'names are case-sensitive',
    );
    assert.equal(readSessionCookie(`x__Host-graphsoc-session=${ID}`, 'secure'), undefined);
  });

  test('a malformed duplicate before the real one neither hides it nor is returned', () => {
    const h = `__Host-graphsoc-session=; __Host-graphsoc-session=../../x; __Host-graphsoc-session=${ID}`;
    assert.equal(readSessionCookie(h, 'secure'), ID);
    assert.equal(readSessionCookie('__Host-graphsoc-session=short', 'secure'), undefined);
  });

  test('empty, missing and broken headers give nothing', () => {
    for (const h of [undefined, '', ';', '=', '==;;', '__Host-graphsoc-session', ' ; ; ', []])
      assert.equal(readSessionCookie(h, 'secure'), undefined, JSON.stringify(h));
  });

  test('findCookie takes the first accepted value and handles a value with = in it', () => {
    assert.equal(findCookie('a=b=c; a=d', 'a'), 'b=c');
    assert.equal(
      findCookie('a=b=c; a=d', 'a', (v) => v === 'd'),
      'd',
    );
    assert.equal(findCookie('xa=1; a =2', 'a'), '2');
  });

  test('hostile headers of 1 MB are read in time linear in their size', async () => {
    const read = (h: string) => readSessionCookie(h, 'secure');
    const units = [
      ...HOSTILE,
      ';',
      '=',
      '; ',
      ' ',
      'a=1; ',
      'a;',
      '__Host-graphsoc-session=; ',
      '__Host-graphsoc-session=x; ',
      `__Host-graphsoc-session=${ID.slice(1)}; `,
      '__Host-graphsoc-session',
      '"',
      '=;',
    ];
    await assertLinear('readSessionCookie', read, units);
    // One huge pair: a long name, a long value, a long quoted value.
    await assertLinear('readSessionCookie (one pair)', read, ['a', '=', ' '], {
      head: '__Host-graphsoc-session=',
      tail: '; x=1',
    });
    await assertLinear('readSessionCookie (long name)', read, ['a', ' '], { tail: '=1' });
    // Many pairs without `=` before the cookie: each search for `=` must not restart at the end.
    await assertLinear('readSessionCookie (no = until the end)', read, [';', 'a;', ' ;'], {
      tail: `; __Host-graphsoc-session=${ID}`,
    });
  });
});
