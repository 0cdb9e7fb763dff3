// The original's own MIME bytes, kept for signature verification only where the sender's bytes are there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnparseable, type ParseResult, parseReport } from '../../../src/phishing/parse/index.js';
import { parseMessageFile } from '../../../src/phishing/parse/parse-file.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s));
const text = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('latin1') : undefined);

const original = [
  'DKIM-Signature: v=1; a=rsa-sha256; d=fabrikam.example; s=s1; bh=x; b=y',
  'From: Billing <billing@fabrikam.example>',
  'Subject: Invoice',
  'Message-ID: <inv@fabrikam.example>',
  'Content-Type: text/plain',
  '',
  'Pay now.',
  '',
].join('\r\n');

const report = (part: string) =>
  [
    'From: Alice <alice@contoso.com>',
    'Subject: FW: Invoice',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'Look at this.',
    '--b',
    part,
    '--b--',
    '',
  ].join('\r\n');

function ok(r: ParseResult) {
  if (isUnparseable(r)) throw new Error(r.detail);
  return r;
}

test('an attached message keeps its own MIME bytes', async () => {
  const r = ok(await parseReport(bytes(report(`Content-Type: message/rfc822\r\n\r\n${original}`))));
  assert.equal(r.source, 'rfc822');
  assert.ok(text(r.originalMime)?.startsWith('DKIM-Signature: v=1'));
  assert.ok(text(r.originalMime)?.includes('Pay now.'));
});

test('a report without an attached original has no original MIME: the report mail is not the original', async () => {
  const r = ok(await parseReport(bytes(original)));
  assert.equal(r.source, 'wrapper');
  assert.equal(r.originalMime, undefined);
});

test('a message file in hand that forwards nothing is its own original, with its bytes', async () => {
  const r = ok(await parseMessageFile(bytes(original)));
  assert.equal(r.source, 'wrapper');
  assert.equal(text(r.originalMime), original);
});

test('an inline forward has no original MIME', async () => {
  const forward = [
    'From: Alice <alice@contoso.com>',
    'Subject: FW: Invoice',
    'Content-Type: text/plain',
    '',
    'See below.',
    '',
    '-----Original Message-----',
    'From: Billing <billing@fabrikam.example>',
    'Sent: Monday, June 1, 2026 10:00 AM',
    'To: Alice <alice@contoso.com>',
    'Subject: Invoice',
    '',
    'Pay now.',
    '',
  ].join('\r\n');
  const r = ok(await parseReport(bytes(forward)));
  assert.equal(r.source, 'inline-forward');
  assert.equal(r.originalMime, undefined);
});
