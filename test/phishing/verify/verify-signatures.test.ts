// graphsoc's own DKIM and ARC verification, on messages signed here with keys made here, whose public
// halves a DNS stand-in publishes.
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { type DnsLookup, DnsLookupError, verifySignatures } from '../../../src/phishing/verify/index.js';
import { arcSealed, bytes, ed25519Key, plainMessage, publishing, rsaKey, signed } from './signed-mail.js';

const rsa = rsaKey();
const ed = ed25519Key();
const dns = publishing({
  'rsa1._domainkey.fabrikam.example': rsa.record,
  'ed1._domainkey.fabrikam.example': ed.record,
  'arc1._domainkey.relay.example': rsa.record,
});

test('a message signed with RSA and with ed25519 keys passes both signatures', async () => {
  const m = await signed(
    await signed(plainMessage(), 'fabrikam.example', 'rsa1', rsa),
    'fabrikam.example',
    'ed1',
    ed,
  );
  const r = await verifySignatures(bytes(m), { lookup: dns });
  assert.equal(r.status, 'verified');
  assert.deepEqual(
    r.dkim.map((s) => [s.selector, s.algorithm, s.result]),
    [
      ['ed1', 'ed25519-sha256', 'pass'],
      ['rsa1', 'rsa-sha256', 'pass'],
    ],
  );
  assert.equal(r.arc, null);
});

test('a body changed after signing fails with a body hash mismatch, a changed header with a signature mismatch', async () => {
  const m = await signed(plainMessage(), 'fabrikam.example', 'ed1', ed);
  const body = await verifySignatures(bytes(m.replace('Please pay', 'Please wire')), { lookup: dns });
  assert.deepEqual(
    body.dkim.map((s) => [s.result, s.why]),
    [['fail', 'body-hash']],
  );
  const header = await verifySignatures(bytes(m.replace('Invoice 4711', 'Invoice 4712')), { lookup: dns });
  assert.deepEqual(
    header.dkim.map((s) => [s.result, s.why]),
    [['fail', 'signature']],
  );
});

test('a signature whose key is not published is a permerror, not a failure', async () => {
  const m = await signed(plainMessage(), 'fabrikam.example', 'gone', rsa);
  const r = await verifySignatures(bytes(m), { lookup: dns });
  assert.deepEqual(
    r.dkim.map((s) => [s.result, s.why]),
    [['permerror', 'no-key']],
  );
});

test('a key look-up that fails for a passing reason (SERVFAIL) is a temperror', async () => {
  const m = await signed(plainMessage(), 'fabrikam.example', 'rsa1', rsa);
  const servfail: DnsLookup = async () => {
    throw new DnsLookupError('ESERVFAIL', 'server failure');
  };
  const r = await verifySignatures(bytes(m), { lookup: servfail });
  assert.equal(r.dkim[0]?.result, 'temperror');
});

/**
 * Verifies a signed message against a resolver that never answers, under mocked timers: the time
 * moves `tickMs` once the first key is asked for.
 */
async function silentResolver(limits: { lookupTimeoutMs: number; budgetMs: number }, tickMs: number) {
  const m = await signed(plainMessage(), 'fabrikam.example', 'rsa1', rsa);
  let asked: () => void = () => {};
  const askedNow = new Promise<void>((r) => {
    asked = r;
  });
  const silent: DnsLookup = () => {
    asked();
    return new Promise(() => {});
  };
  const pending = verifySignatures(bytes(m), { lookup: silent, ...limits });
  await askedNow;
  mock.timers.tick(tickMs);
  return pending;
}

test('a key look-up that never answers is a temperror after the look-up timeout', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const r = await silentResolver({ lookupTimeoutMs: 5_000, budgetMs: 10_000 }, 5_000);
    assert.equal(r.status, 'verified');
    assert.deepEqual(
      r.dkim.map((s) => [s.result, s.why]),
      [['temperror', 'DNS failure: ETIMEOUT']],
    );
  } finally {
    mock.timers.reset();
  }
});

test('verification that outlasts its budget ends as a temperror with nothing judged', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const r = await silentResolver({ lookupTimeoutMs: 60_000, budgetMs: 10_000 }, 10_000);
    assert.equal(r.status, 'temperror');
    assert.deepEqual(r.dkim, []);
  } finally {
    mock.timers.reset();
  }
});

test('an unsigned message gives no results and asks DNS nothing', async () => {
  const asking = publishing({});
  const r = await verifySignatures(bytes(plainMessage()), { lookup: asking });
  assert.deepEqual(r, { status: 'verified', note: null, dkim: [], arc: null });
  assert.deepEqual(asking.asked, []);
});

test('an ARC chain passes as sealed and fails when the message changed after sealing', async () => {
  const m = await arcSealed(plainMessage(), 'relay.example', 'arc1', rsa);
  const ok = await verifySignatures(bytes(m), { lookup: dns });
  assert.deepEqual(ok.arc, { result: 'pass', instance: 1, why: null });
  const changed = await verifySignatures(bytes(m.replace('Please pay', 'Please wire')), { lookup: dns });
  assert.equal(changed.arc?.result, 'fail');
});

test('an ARC chain whose key look-up fails for a passing reason is a temperror, not a failure', async () => {
  const m = await arcSealed(plainMessage(), 'relay.example', 'arc1', rsa);
  const servfail: DnsLookup = async () => {
    throw new DnsLookupError('ESERVFAIL', 'server failure');
  };
  const r = await verifySignatures(bytes(m), { lookup: servfail });
  assert.equal(r.arc?.result, 'temperror');
});

test('a message with more DKIM signatures than verified is skipped before any look-up', async () => {
  const asking = publishing({});
  const many = `${'DKIM-Signature: v=1; d=x.example; s=a; b=; bh=\r\n'.repeat(21)}${plainMessage()}`;
  const r = await verifySignatures(bytes(many), { lookup: asking });
  assert.equal(r.status, 'skipped');
  assert.deepEqual(asking.asked, []);
});

test('a 1 MB header and a 1 MB body are verified in well under a second', async () => {
  const longHeader = `X-Filler: ${'a'.repeat(1024 * 1024)}\r\n${plainMessage()}`;
  const longBody = plainMessage('billing@fabrikam.example', `${'word '.repeat(200_000)}\r\n`);
  for (const message of [longHeader, longBody]) {
    const m = await signed(message, 'fabrikam.example', 'rsa1', rsa);
    const started = performance.now();
    const r = await verifySignatures(bytes(m), { lookup: dns });
    assert.equal(r.dkim[0]?.result, 'pass');
    assert.ok(performance.now() - started < 1_000, `took ${performance.now() - started} ms`);
  }
});

test('a 1 MB DKIM-Signature header is read in well under a second', async () => {
  const huge = `DKIM-Signature: v=1; a=rsa-sha256; d=fabrikam.example; s=rsa1; h=${'from:'.repeat(200_000)}; bh=x; b=y\r\n`;
  const started = performance.now();
  const r = await verifySignatures(bytes(huge + plainMessage()), { lookup: dns });
  assert.ok(performance.now() - started < 1_000, `took ${performance.now() - started} ms`);
  assert.notEqual(r.dkim[0]?.result, 'pass');
});
