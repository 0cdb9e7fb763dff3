// The template signature: what copies of one campaign share once their per-copy parts are masked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodeSignature,
  estimatedJaccard,
  type TemplateInputs,
  templateSignature,
} from '../../../src/phishing/analyze/template/index.js';
import { maskedLine } from '../../../src/phishing/analyze/template/masked-line.js';
import { urlSkeleton, urlSkeletons } from '../../../src/phishing/analyze/template/url-skeleton.js';
import { maskWord, nameWords, templateWords } from '../../../src/phishing/analyze/template/words.js';

const LETTER = `Dear {name}, we detected unusual sign-in activity on your account {addr} from IP {ip} in
{country} on {date}. If this was not you, please review your recent activity and secure your account
within 24 hours, otherwise access will be suspended. Reference number {ref}. Thank you, the Microsoft
account team.`;

function copy(name: string, addr: string, ip: string, country: string, date: string, ref: string): string {
  return LETTER.replace('{name}', name)
    .replace('{addr}', addr)
    .replace('{ip}', ip)
    .replace('{country}', country)
    .replace('{date}', date)
    .replace('{ref}', ref);
}

const inputs = (over: Partial<TemplateInputs>): TemplateInputs => ({
  text: '',
  subject: 'unusual sign-in activity',
  displayName: 'Microsoft account team',
  sender: 'evil.example',
  urls: [],
  recipient: null,
  ...over,
});

const similarity = (a: TemplateInputs, b: TemplateInputs) => {
  const sa = templateSignature(a).body;
  const sb = templateSignature(b).body;
  assert.ok(sa && sb);
  return estimatedJaccard(decodeSignature(sa) as Uint32Array, decodeSignature(sb) as Uint32Array);
};

test('masks what differs between copies: links, addresses, ids, numbers, the recipient', () => {
  assert.equal(maskWord('https://evil.example/x'), '<url>');
  assert.equal(maskWord('www.evil.example'), '<url>');
  assert.equal(maskWord('jane@corp.example,'), '<email>');
  assert.equal(maskWord('(8f3a9c2b)'), '<id>');
  assert.equal(maskWord('x'.repeat(30)), '<id>');
  assert.equal(maskWord('24'), '#');
  assert.equal(maskWord('12.05.2026'), '#.#.#');
  assert.equal(maskWord('"hello!"'), 'hello');
  assert.equal(maskWord('…'), '');
  assert.equal(maskWord('jane', new Set(['jane'])), '<name>');
  assert.deepEqual(templateWords('Hello\u200b Jane,\u00a0pay  NOW', new Set(['jane'])), [
    'hello',
    '<name>',
    'pay',
    'now',
  ]);
  assert.deepEqual([...nameWords('jane.doe@corp.example', 'Jane Doe')].sort(), ['doe', 'jane', 'jane.doe']);
  assert.deepEqual([...nameWords('al@corp.example', 'Al')], [], 'two letters would mask ordinary words');
});

test('copies of one template with per-recipient details are near-identical; another letter is not', () => {
  const a = inputs({
    text: copy('Jane', 'jane@corp.example', '185.2.3.4', 'Russia', '12/05/2026', 'A8812QX'),
    recipient: { address: 'jane@corp.example', name: 'Jane Doe' },
  });
  const b = inputs({
    text: copy('Bob', 'bob@other.example', '45.9.1.200', 'Russia', '13/05/2026', 'ZZ1200K'),
    recipient: { address: 'bob@other.example', name: 'Bob Smith' },
  });
  const other = inputs({
    text: 'Your parcel could not be delivered because the address was incomplete. Pay the customs fee of 2.99 EUR within 48 hours at the link below, or the parcel returns to the sender.',
  });
  assert.ok(similarity(a, b) > 0.85, `copies ${similarity(a, b)}`);
  assert.ok(similarity(a, other) < 0.1, `unrelated ${similarity(a, other)}`);
});

test('link skeletons keep the site and the shape of the path, not the per-recipient tokens', () => {
  assert.equal(
    urlSkeleton('https://a1.evil.example/r/8f3a9c2b77/login.php?u=jane'),
    'evil.example/r/*/login.php',
  );
  assert.equal(
    urlSkeleton('https://b2.evil.example/r/1c0ffee999/login.php?u=bob'),
    'evil.example/r/*/login.php',
  );
  assert.equal(urlSkeleton('http://185.2.3.4/x/12345'), '<ip>/x/*');
  assert.equal(urlSkeleton('https://evil.example/invoice-2026/'), 'evil.example/*');
  assert.equal(urlSkeleton('https://evil.example/q1/'), 'evil.example/#');
  assert.equal(urlSkeleton('mailto:jane@corp.example'), null);
  assert.equal(urlSkeleton('https://evil.example/a/b/c/d/e/f/g/h'), 'evil.example/a/b/c/d/e/f');
  assert.deepEqual(
    urlSkeletons(['https://x.evil.example/r/8f3a9c2b77', 'https://y.evil.example/r/0000aaaa11', 'ftp://z']),
    ['evil.example/r/*'],
  );
});

test('subjects and display names are compared with their variable parts masked', () => {
  const names = nameWords('jane@corp.example', 'Jane');
  assert.equal(
    maskedLine('Your mailbox jane@corp.example is 98% full (ref 8812A1)', names),
    maskedLine('Your mailbox bob@other.example is 97% full (ref 77Q1Z9)', names),
  );
  assert.equal(maskedLine('Invoice for Jane', names), 'invoice for <name>');
  assert.equal(maskedLine('   '), '');
});

test('a body without words has no MinHash; a short one has one but few words', () => {
  assert.equal(templateSignature(inputs({ text: '  \n ' })).body, null);
  const s = templateSignature(inputs({ text: 'Hello' }));
  assert.equal(s.words, 1);
  assert.ok(s.body);
});

test('a signature survives its text form; anything else decodes to null', () => {
  const s = templateSignature(inputs({ text: LETTER }));
  assert.ok(s.body);
  const sig = decodeSignature(s.body);
  assert.ok(sig);
  assert.equal(estimatedJaccard(sig, sig), 1);
  assert.equal(decodeSignature('AAAA'), null);
  assert.equal(decodeSignature('not base64 at all'), null);
});
