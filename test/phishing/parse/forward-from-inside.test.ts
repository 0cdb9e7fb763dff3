// A colleague's plain forward inside a report ("is this real?" → reported), and the phish that only
// pretends to be a forward: the forwarded block replaces a message only when it plainly comes from
// inside, so a fake thread never hides the phish's real headers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isForwardFromInside } from '../../../src/phishing/parse/forward-from-inside.js';
import {
  isUnparseable,
  type ParsedMessage,
  type ParseResult,
  type ParsedReport,
  parseReport,
} from '../../../src/phishing/parse/index.js';
import { parseMessageFile } from '../../../src/phishing/parse/parse-file.js';
import {
  ALICE,
  asItemAttachment,
  asPlainForward,
  credentialPhish,
  type Original,
  originalMessage,
  seeded,
} from '../corpus/index.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s));
const phish = credentialPhish(seeded(11));
const BOB = { name: 'Bob Example', address: 'bob@contoso.com' };

function ok(r: ParseResult): ParsedReport {
  if (isUnparseable(r)) assert.fail(`unparseable: ${r.unparseable} ${r.detail}`);
  return r;
}

/** A message that is itself a plain forward of the phish, as an Original to attach to a report. */
function plainForwardBy(who: { name: string; address: string }): Original {
  return {
    spec: { ...phish.spec, subject: `FW: ${phish.spec.subject}` },
    raw: asPlainForward(phish, 'outlook-en', who, 'fwd'),
  };
}

/** A phish whose body carries a made-up forwarded thread, under a forward prefix. */
function fakeThread(from: string, auth = { spf: 'fail', dkim: 'none', dmarc: 'fail' }): Original {
  return originalMessage({
    subject: 'FW: Invoice 4471 approved',
    from,
    messageId: '<fake-thread@evil.example>',
    auth,
    text: [
      'Please process today.',
      '',
      '________________________________',
      'From: Chief Executive <ceo@contoso.com>',
      'Sent: Monday, November 2, 2026 9:00 AM',
      'Subject: Invoice 4471 approved',
      '',
      'Approved, pay https://pay-invoices.example/4471',
    ].join('\r\n'),
  });
}

test("a colleague's plain forward attached to a report yields the phish from its forwarded block", async () => {
  const r = ok(await parseReport(bytes(asItemAttachment(plainForwardBy(BOB)))));
  assert.equal(r.source, 'inline-forward');
  assert.equal(r.depth, 1);
  assert.equal(r.reporter?.address, ALICE.address);
  assert.equal(r.original.from?.address, 'no-reply@c0ntoso.com');
  assert.equal(r.original.subject, phish.spec.subject);
  assert.match(r.original.text, /^Dear user/);
  assert.deepEqual(r.warnings, ['headers-lost-in-forward', 'forwarded-from-inside']);
});

test("a forwarder outside the reporter's domain counts only when it is one of the forwarding domains", async () => {
  const report = bytes(asItemAttachment(plainForwardBy({ name: 'Carol', address: 'carol@fabrikam.com' })));
  const alone = ok(await parseReport(report));
  assert.equal(alone.source, 'rfc822');
  assert.equal(alone.original.from?.address, 'carol@fabrikam.com');
  const listed = ok(await parseReport(report, [], { forwarderDomains: ['Fabrikam.com'] }));
  assert.equal(listed.source, 'inline-forward');
  assert.equal(listed.original.from?.address, 'no-reply@c0ntoso.com');
  const sub = ok(
    await parseReport(
      bytes(asItemAttachment(plainForwardBy({ name: 'Dan', address: 'dan@eu.contoso.com' }))),
    ),
  );
  assert.equal(sub.source, 'inline-forward', 'a subdomain of the reporter’s domain is inside');
});

test('a phish with a fake forwarded thread keeps its own headers', async () => {
  for (const from of [
    'Accounts <billing@invoices-contoso.example>',
    // Spoofing the organisation's own domain: the recorded DMARC failure gives it away.
    'Chief Executive <ceo@contoso.com>',
  ]) {
    const r = ok(await parseReport(bytes(asItemAttachment(fakeThread(from)))));
    assert.equal(r.source, 'rfc822', from);
    assert.equal(r.original.messageId, '<fake-thread@evil.example>', from);
    assert.deepEqual(r.warnings, [], from);
  }
});

test('a message from inside without a forward prefix is not taken for a forward', async () => {
  const raw = asPlainForward(phish, 'outlook-en', BOB, 'fwd').replace(
    `Subject: FW: ${phish.spec.subject}`,
    'Subject: is this real?',
  );
  assert.match(raw, /Subject: is this real\?/);
  const r = ok(await parseReport(bytes(asItemAttachment({ spec: phish.spec, raw }))));
  assert.equal(r.source, 'rfc822');
  assert.equal(r.original.from?.address, BOB.address);
});

test('a file in hand follows its forwarded block only when it is plainly a forward from inside', async () => {
  const forward = bytes(asPlainForward(phish, 'outlook-de', BOB, 'f'));
  const unknown = ok(await parseMessageFile(forward));
  assert.equal(unknown.source, 'wrapper');
  assert.equal(unknown.original.from?.address, BOB.address);
  assert.deepEqual(unknown.warnings, ['inline-forward-not-followed']);
  const known = ok(await parseMessageFile(forward, { forwarderDomains: ['contoso.com'] }));
  assert.equal(known.source, 'inline-forward');
  assert.equal(known.depth, 0);
  assert.equal(known.original.from?.address, 'no-reply@c0ntoso.com');

  const fake = ok(
    await parseMessageFile(bytes(fakeThread('Accounts <billing@invoices-contoso.example>').raw)),
  );
  assert.equal(fake.source, 'wrapper');
  assert.equal(fake.original.messageId, '<fake-thread@evil.example>');
  const phishFile = ok(await parseMessageFile(bytes(phish.raw), { forwarderDomains: ['contoso.com'] }));
  assert.equal(phishFile.source, 'wrapper');
  assert.deepEqual(phishFile.warnings, [], 'the phish itself is the original: nothing is missing');
});

test("the report mail's own plain forward is followed whoever sent it, as before", async () => {
  const r = ok(
    await parseReport(bytes(asPlainForward(phish, 'gmail', { name: 'Eve', address: 'eve@gmail.example' }))),
  );
  assert.equal(r.source, 'inline-forward');
  assert.equal(r.depth, 0);
  assert.deepEqual(r.warnings, ['headers-lost-in-forward']);
});

const message = (over: Partial<ParsedMessage>): ParsedMessage => ({
  headers: [],
  from: { name: '', address: 'bob@contoso.com' },
  replyTo: [],
  returnPath: null,
  messageId: null,
  subject: 'FW: quarterly numbers',
  date: null,
  text: '',
  html: '',
  attachments: [],
  ...over,
});

test('forward prefixes of the languages Outlook writes are recognised, in any case', () => {
  for (const subject of [
    'FW: x',
    'Fwd: x',
    'fw:x',
    'WG: x',
    'TR : x',
    'RV: x',
    'ENC: x',
    'I: x',
    'Doorst: x',
    'VS: x',
    'VB: x',
    'VL: x',
    'PD: x',
    '  FW:  x',
  ])
    assert.equal(isForwardFromInside(message({ subject }), ['contoso.com']), true, subject);
  for (const subject of ['RE: x', 'AW: x', 'x FW: y', 'Forward this: x', '', 'FWD x'])
    assert.equal(isForwardFromInside(message({ subject }), ['contoso.com']), false, subject);
});

test('the sender must be in a forwarding domain or below it, not merely look like one', () => {
  const from = (address: string) => message({ from: { name: '', address } });
  assert.equal(isForwardFromInside(from('BOB@CONTOSO.COM'), ['contoso.com']), true);
  assert.equal(isForwardFromInside(from('bob@mail.contoso.com'), ['contoso.com']), true);
  for (const address of [
    'bob@evilcontoso.com',
    'bob@contoso.com.evil.example',
    'contoso.com@evil.example',
    'bob@',
    'bob',
  ])
    assert.equal(isForwardFromInside(from(address), ['contoso.com']), false, address);
  assert.equal(isForwardFromInside(message({ from: null }), ['contoso.com']), false);
  assert.equal(isForwardFromInside(from('bob@contoso.com'), []), false);
});

test('a recorded authentication failure means it did not plainly come from inside', () => {
  const withAuth = (value: string) => message({ headers: [{ name: 'Authentication-Results', value }] });
  for (const value of [
    'spf=fail smtp.mailfrom=contoso.com',
    'spf=softfail smtp.mailfrom=contoso.com',
    'dkim=fail header.d=contoso.com',
    'dmarc=fail action=none header.from=contoso.com',
    'spf=pass; dkim=none; DMARC = FAIL',
    'compauth=fail reason=001',
    'spf=permerror',
  ])
    assert.equal(isForwardFromInside(withAuth(value), ['contoso.com']), false, value);
  for (const value of ['spf=pass; dkim=pass; dmarc=pass', 'spf=none; dkim=none; dmarc=bestguesspass', ''])
    assert.equal(isForwardFromInside(withAuth(value), ['contoso.com']), true, value);
  // Another header's "fail" is not an authentication result of this message.
  const other = message({ headers: [{ name: 'X-Note', value: 'dmarc=fail' }] });
  assert.equal(isForwardFromInside(other, ['contoso.com']), true);
});
