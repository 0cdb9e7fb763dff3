// The verified-token cache: an entry lives until exp (+ leeway) or the JWKS cache time, whichever is
// first; it is bound to the audiences checked; tokens without exp are never kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VerifiedTokens } from '../../src/relay/auth/verified-tokens.js';

const AUD = ['https://relay.example'];

function clock(start = 1_000_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

test('kept until exp plus the leeway when that comes before the TTL', () => {
  const c = clock();
  const v = new VerifiedTokens(3_600_000, 10, c.now);
  const exp = c.now() / 1000 + 60;
  v.set('tok', AUD, { exp, tenant_id: 't' }, 30);
  c.advance(89_999);
  assert.equal(v.get('tok', AUD)?.tenant_id, 't');
  c.advance(1);
  assert.equal(v.get('tok', AUD), undefined, 'exp + 30 s has passed');
});

test('kept no longer than the TTL (the JWKS cache time) for a long-lived token', () => {
  const c = clock();
  const v = new VerifiedTokens(60_000, 10, c.now);
  v.set('tok', AUD, { exp: c.now() / 1000 + 86_400 }, 30);
  c.advance(59_999);
  assert.ok(v.get('tok', AUD));
  c.advance(1);
  assert.equal(v.get('tok', AUD), undefined);
});

test('bound to the exact token and the audiences it was checked against', () => {
  const c = clock();
  const v = new VerifiedTokens(60_000, 10, c.now);
  v.set('tok', AUD, { exp: c.now() / 1000 + 600 }, 0);
  assert.equal(v.get('tok ', AUD), undefined);
  assert.equal(v.get('tok', ['https://other.example']), undefined);
  assert.equal(v.get('tok', [...AUD, 'https://other.example']), undefined);
});

test('a token without exp is not kept', () => {
  const v = new VerifiedTokens(60_000);
  v.set('legacy', AUD, { tenant_id: 't' }, 0);
  assert.equal(v.get('legacy', AUD), undefined);
});

test('the payload handed out cannot be changed by a caller', () => {
  const c = clock();
  const v = new VerifiedTokens(60_000, 10, c.now);
  v.set('tok', AUD, { exp: c.now() / 1000 + 600, tenant_id: 't' }, 0);
  const p = v.get('tok', AUD) as Record<string, unknown>;
  assert.throws(() => {
    p.tenant_id = 'other';
  }, TypeError);
});

test('past the size bound the oldest entries go', () => {
  const c = clock();
  const v = new VerifiedTokens(60_000, 2, c.now);
  const exp = c.now() / 1000 + 600;
  v.set('a', AUD, { exp }, 0);
  v.set('b', AUD, { exp }, 0);
  v.set('c', AUD, { exp }, 0);
  assert.deepEqual(
    ['a', 'b', 'c'].map((t) => Boolean(v.get(t, AUD))),
    [false, true, true],
  );
});
