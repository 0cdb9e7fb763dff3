// Hostile and broken input: every case ends in a result (a report or a reason), never a throw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnparseable, type ParseResult, parseReport } from '../../../src/phishing/parse/index.js';
import { asItemAttachment, buildMessage, credentialPhish, nested, seeded } from '../corpus/index.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s));
const phish = credentialPhish(seeded(3));
const reason = (r: ParseResult) => (isUnparseable(r) ? r.unparseable : null);

test('an empty input is unparseable (empty)', async () => {
  assert.equal(reason(await parseReport(new Uint8Array())), 'empty');
});

test('a report over the total size limit is unparseable (too-large) without being parsed', async () => {
  // 50 MB of attachment, as a report button might send a video.
  const big = new Uint8Array(50 * 1024 * 1024);
  assert.equal(reason(await parseReport(big)), 'too-large');
  const raw = bytes(
    buildMessage({
      headers: [
        ['From', 'alice@contoso.com'],
        ['Subject', 'big'],
      ],
      text: 'x',
      files: [{ name: 'video.mp4', contentType: 'video/mp4', bytes: new Uint8Array(2 * 1024 * 1024) }],
    }),
  );
  assert.equal(reason(await parseReport(raw, [], { maxTotalBytes: 1024 * 1024 })), 'too-large');
  assert.equal(reason(await parseReport(raw)), null);
});

test('attachments handed over separately count towards the size limit', async () => {
  const wrapper = bytes(
    buildMessage({
      headers: [
        ['From', 'a@contoso.com'],
        ['Subject', 's'],
      ],
      text: 'x',
    }),
  );
  const r = await parseReport(
    wrapper,
    [{ name: 'o.eml', contentType: 'message/rfc822', bytes: bytes(phish.raw) }],
    {
      maxTotalBytes: wrapper.byteLength + 100,
    },
  );
  assert.equal(reason(r), 'too-large');
});

test('endless nesting ends at the depth limit (too-deep)', async () => {
  assert.equal(reason(await parseReport(bytes(nested(phish, 40)))), 'too-deep');
  assert.equal(reason(await parseReport(bytes(nested(phish, 3)), [], { maxDepth: 2 })), 'too-deep');
  assert.equal(reason(await parseReport(bytes(nested(phish, 3)), [], { maxDepth: 3 })), null);
});

test('multipart nested past the MIME nesting guard is unparseable (mime-nesting-too-deep)', async () => {
  let body = 'Content-Type: text/plain\r\n\r\nleaf\r\n';
  for (let i = 0; i < 100; i++)
    body = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${body}--b${i}--\r\n`;
  const raw = bytes(`From: a@contoso.com\r\nSubject: deep\r\n${body}`);
  assert.equal(reason(await parseReport(raw)), 'mime-nesting-too-deep');
});

test('too many parts are unparseable (too-many-parts)', async () => {
  const files = Array.from({ length: 60 }, (_, i) => ({
    name: `f${i}.txt`,
    contentType: 'text/plain',
    bytes: bytes('x'),
  }));
  const raw = bytes(
    buildMessage({
      headers: [
        ['From', 'a@contoso.com'],
        ['Subject', 'parts'],
      ],
      text: 'x',
      files,
    }),
  );
  assert.equal(reason(await parseReport(raw, [], { maxParts: 50 })), 'too-many-parts');
  assert.equal(reason(await parseReport(raw)), null);
});

test('huge header counts are unparseable (too-many-headers, headers-too-large)', async () => {
  const many = Array.from({ length: 5000 }, (_, i) => `X-Spam-${i}: ${i}`).join('\r\n');
  assert.equal(
    reason(await parseReport(bytes(`From: a@contoso.com\r\n${many}\r\n\r\nbody`))),
    'too-many-headers',
  );
  const fat = Array.from({ length: 3000 }, (_, i) => `X-Fat-${i}: ${'y'.repeat(1000)}`).join('\r\n');
  assert.equal(
    reason(await parseReport(bytes(`From: a@contoso.com\r\n${fat}\r\n\r\nbody`))),
    'headers-too-large',
  );
});

test('truncated MIME still yields what it can', async () => {
  const raw = asItemAttachment(phish);
  for (const cut of [0.2, 0.5, 0.8, 0.95]) {
    const r = await parseReport(bytes(raw.slice(0, Math.floor(raw.length * cut))));
    assert.ok(isUnparseable(r) || typeof r.original.subject === 'string', `cut ${cut}`);
  }
  const half = await parseReport(bytes(raw.slice(0, Math.floor(raw.length * 0.9))));
  assert.ok(!isUnparseable(half));
  assert.equal(half.reporter?.address, 'alice@contoso.com');
});

test('binary garbage is unparseable (no-headers) or a report, never a throw', async () => {
  const rng = seeded(99);
  for (let i = 0; i < 20; i++) {
    const r = await parseReport(rng.bytes(1 + rng.int(20_000)));
    assert.ok(isUnparseable(r) || r.source === 'wrapper');
  }
  assert.equal(reason(await parseReport(new Uint8Array([0, 1, 2, 255, 254]))), 'no-headers');
});

test('a wrong or unknown charset does not stop parsing', async () => {
  const raw = bytes(
    'From: a@contoso.com\r\nSubject: =?x-unknown-charset?Q?caf=E9?= and =?utf-8?B?invalid!!?=\r\nContent-Type: text/plain; charset=klingon\r\n\r\ncaf\xe9 \xff\xfe body\r\n',
  );
  const r = await parseReport(raw);
  assert.ok(!isUnparseable(r));
  assert.match(r.original.text, /body/);
  const latin1 = Buffer.from(
    'From: a@contoso.com\r\nSubject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nK\xf6ln\r\n',
    'latin1',
  );
  const r2 = await parseReport(new Uint8Array(latin1));
  assert.ok(!isUnparseable(r2));
});

test('an encoded word that decodes to a line break cannot inject a header', async () => {
  const injected = `=?UTF-8?B?${Buffer.from('hello\r\nBcc: victim@contoso.com').toString('base64')}?=`;
  const r = await parseReport(bytes(`From: a@contoso.com\r\nSubject: ${injected}\r\n\r\nbody\r\n`));
  assert.ok(!isUnparseable(r));
  assert.deepEqual(
    r.original.headers.map((h) => h.name),
    ['From', 'Subject'],
  );
  assert.match(r.original.subject, /^hello/);
});

test('a bare LF message and a message without a body parse', async () => {
  const lf = await parseReport(bytes('From: a@contoso.com\nSubject: lf only\n\nbody\n'));
  assert.ok(!isUnparseable(lf));
  assert.equal(lf.original.subject, 'lf only');
  const headOnly = await parseReport(bytes('From: a@contoso.com\r\nSubject: head only'));
  assert.ok(!isUnparseable(headOnly));
});

test('invalid options are the caller’s error and throw', async () => {
  await assert.rejects(parseReport(bytes('From: a@b.c\r\n\r\n'), [], { maxDepth: -1 }));
});

test('every report of the hostile corpus gives a result; the large one within the limit is parsed in full', async () => {
  const { hostileCorpus } = await import('../corpus/index.js');
  for (const e of hostileCorpus(4, 3)) {
    const r = await parseReport(e.raw);
    if (e.name.startsWith('large')) {
      assert.ok(!isUnparseable(r), e.name);
      assert.equal(r.wrapper.subject, 'FW: with files');
      assert.equal(r.source, 'rfc822');
    } else assert.ok(isUnparseable(r) || typeof r.original.subject === 'string', e.name);
  }
});
