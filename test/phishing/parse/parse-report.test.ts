import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  isUnparseable,
  type ParseResult,
  type ParsedReport,
  parseReport,
} from '../../../src/phishing/parse/index.js';
import {
  asEmlFile,
  asItemAttachment,
  asPlainForward,
  benignNewsletter,
  buildMessage,
  credentialPhish,
  type ForwardStyle,
  nested,
  seeded,
} from '../corpus/index.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s));
const phish = credentialPhish(seeded(7));

function ok(r: ParseResult): ParsedReport {
  if (isUnparseable(r)) assert.fail(`unparseable: ${r.unparseable} ${r.detail}`);
  return r;
}

test('an Outlook item attachment (message/rfc822) yields the attached original, not the forwarder note', async () => {
  const r = ok(await parseReport(bytes(asItemAttachment(phish))));
  assert.equal(r.source, 'rfc822');
  assert.equal(r.depth, 1);
  assert.deepEqual(r.reporter, { name: 'Alice Example', address: 'alice@contoso.com' });
  assert.equal(r.wrapper.subject, `FW: ${phish.spec.subject}`);
  assert.equal(r.wrapper.messageId, '<report-1@contoso.com>');
  assert.equal(r.original.subject, phish.spec.subject);
  assert.equal(r.original.from?.address, 'no-reply@c0ntoso.com');
  assert.deepEqual(r.original.replyTo, [{ name: '', address: 'helpdesk@mailbox-recovery.example' }]);
  assert.equal(r.original.returnPath, 'bounce@c0ntoso.com');
  assert.equal(r.original.messageId, phish.spec.messageId);
  assert.equal(r.original.date, '2026-11-03T09:12:40.000Z');
  assert.match(r.original.text, /Your mailbox is full/);
  assert.match(r.original.html, /<a href=/);
  assert.deepEqual(
    r.original.attachments.map((a) => [a.name, a.contentType, a.size]),
    [['Invoice_2026.html', 'text/html', r.original.attachments[0]?.bytes.byteLength]],
  );
  assert.deepEqual(r.warnings, []);
});

test('headers are kept in order with raw, undecoded values', async () => {
  const cyr = credentialPhish(seeded(1), { subject: 'Срочно: подтвердите пароль' });
  const r = ok(await parseReport(bytes(asItemAttachment(cyr))));
  const names = r.original.headers.map((h) => h.name);
  assert.deepEqual(names.slice(0, 5), [
    'Received',
    'Received',
    'Received',
    'Authentication-Results',
    'Received-SPF',
  ]);
  const subject = r.original.headers.find((h) => h.name === 'Subject');
  assert.match(subject?.value ?? '', /^=\?UTF-8\?B\?/);
  assert.equal(r.original.subject, 'Срочно: подтвердите пароль');
});

test('CJK subjects in encoded words are decoded', async () => {
  const cjk = credentialPhish(seeded(1), { subject: '【重要】アカウントの確認 账户验证' });
  assert.equal(
    ok(await parseReport(bytes(asItemAttachment(cjk)))).original.subject,
    '【重要】アカウントの確認 账户验证',
  );
});

test('an .eml file attachment is found by name whether typed octet-stream or message/rfc822', async () => {
  for (const type of ['application/octet-stream', 'message/rfc822']) {
    const r = ok(await parseReport(bytes(asEmlFile(phish, undefined, '1', type))));
    assert.equal(r.source, 'eml', type);
    assert.equal(r.original.messageId, phish.spec.messageId);
  }
});

test('a message nested three deep is followed to the innermost one', async () => {
  const r = ok(await parseReport(bytes(nested(phish, 3))));
  assert.equal(r.depth, 3);
  assert.equal(r.original.messageId, phish.spec.messageId);
  assert.equal(r.reporter?.address, 'alice@contoso.com');
});

test('pick: outermost stops at the first attached message', async () => {
  const r = ok(await parseReport(bytes(nested(phish, 3)), [], { pick: 'outermost' }));
  assert.equal(r.depth, 1);
  assert.equal(r.original.subject, 'FW: level 2');
});

test('an HTML-only original keeps its HTML and has empty text', async () => {
  const htmlOnly = credentialPhish(seeded(2), { text: undefined });
  const r = ok(await parseReport(bytes(asItemAttachment(htmlOnly))));
  assert.equal(r.original.text, '');
  assert.match(r.original.html, /href="https:/);
});

const STYLES: ForwardStyle[] = ['outlook-en', 'outlook-de', 'gmail', 'thunderbird-de'];
for (const style of STYLES) {
  test(`a plain ${style} forward falls back to the forwarded header block`, async () => {
    const r = ok(await parseReport(bytes(asPlainForward(phish, style))));
    assert.equal(r.source, 'inline-forward');
    assert.equal(r.depth, 0);
    assert.equal(r.original.from?.address, 'no-reply@c0ntoso.com');
    assert.equal(r.original.from?.name, 'Microsoft 365');
    assert.equal(r.original.subject, phish.spec.subject);
    assert.match(r.original.text, /^Dear user/);
    assert.ok(r.warnings.includes('headers-lost-in-forward'));
  });
}

test('an HTML-only plain forward is read through its text rendering', async () => {
  const r = ok(await parseReport(bytes(asPlainForward(phish, 'outlook-en', undefined, '1', true))));
  assert.equal(r.source, 'inline-forward');
  assert.equal(r.original.subject, phish.spec.subject);
  assert.match(r.original.html, /login-micros0ft|secure-rnicrosoft|attacker\.github\.io/);
});

test('a report with nothing attached or forwarded is its own original, with a warning', async () => {
  const raw = buildMessage({
    headers: [
      ['From', 'Bob <bob@contoso.com>'],
      ['Subject', 'I clicked something'],
    ],
    text: 'I think I clicked a bad link this morning.',
  });
  const r = ok(await parseReport(bytes(raw)));
  assert.equal(r.source, 'wrapper');
  assert.equal(r.original.subject, 'I clicked something');
  assert.deepEqual(r.warnings, ['no-original-found']);
});

test('attachments handed over by Graph are used when the MIME carries no message', async () => {
  const wrapper = buildMessage({
    headers: [
      ['From', 'alice@contoso.com'],
      ['Subject', 'FW: x'],
    ],
    text: 'see attachment',
  });
  const item = ok(
    await parseReport(bytes(wrapper), [
      { name: 'x', contentType: null, isItem: true, bytes: bytes(phish.raw) },
    ]),
  );
  assert.equal(item.source, 'rfc822');
  assert.equal(item.original.messageId, phish.spec.messageId);
  const file = ok(
    await parseReport(bytes(wrapper), [
      { name: 'orig.eml', contentType: 'application/octet-stream', bytes: bytes(phish.raw) },
    ]),
  );
  assert.equal(file.source, 'eml');
});

test('of two attached messages the first is taken and the choice is reported', async () => {
  const raw = buildMessage({
    headers: [
      ['From', 'alice@contoso.com'],
      ['Subject', 'two'],
    ],
    text: 'two',
    messages: [{ raw: phish.raw }, { raw: benignNewsletter().raw }],
  });
  const r = ok(await parseReport(bytes(raw)));
  assert.equal(r.original.messageId, phish.spec.messageId);
  assert.deepEqual(r.warnings, ['several-embedded-messages:0']);
  const news = benignNewsletter();
  assert.deepEqual(r.alsoAttached, [
    {
      name: r.alsoAttached?.[0]?.name,
      subject: news.spec.subject,
      from: 'news@fabrikam.example',
      messageId: news.spec.messageId,
    },
  ]);
});

test('the other attached messages are listed for the analysts, a bounded number, even when unreadable', async () => {
  const many = Array.from({ length: 30 }, (_, i) =>
    credentialPhish(seeded(100 + i), { messageId: `<other-${i}@evil.example>` }),
  );
  const raw = buildMessage({
    headers: [
      ['From', 'alice@contoso.com'],
      ['Subject', 'FW: all of these'],
    ],
    text: 'I got all of these today',
    messages: [{ raw: phish.raw }, ...many.map((m) => ({ raw: m.raw }))],
  });
  const r = ok(await parseReport(bytes(raw)));
  assert.equal(r.original.messageId, phish.spec.messageId, 'the first is the one analysed');
  assert.equal(r.alsoAttached?.length, 20);
  assert.deepEqual(
    r.alsoAttached?.map((a) => a.messageId),
    many.slice(0, 20).map((m) => m.spec.messageId),
  );
  // A damaged Outlook file beside the original: listed by its name.
  const damaged = new Uint8Array(4096);
  damaged.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const withDamaged = ok(
    await parseReport(
      bytes(
        buildMessage({
          headers: [
            ['From', 'alice@contoso.com'],
            ['Subject', 'FW: two'],
          ],
          text: 'two',
          messages: [{ raw: phish.raw }],
          files: [{ name: 'second.msg', contentType: 'application/vnd.ms-outlook', bytes: damaged }],
        }),
      ),
    ),
  );
  assert.equal(withDamaged.original.messageId, phish.spec.messageId);
  assert.deepEqual(withDamaged.alsoAttached, [
    { name: 'second.msg', subject: null, from: null, messageId: null },
  ]);
  const alone = ok(await parseReport(bytes(asItemAttachment(phish))));
  assert.equal(alone.alsoAttached, undefined, 'one attached message: nothing else to list');
});

test('an inline message/rfc822 part keeps its own headers and attachments (not flattened)', async () => {
  const raw = buildMessage({
    headers: [
      ['From', 'alice@contoso.com'],
      ['Subject', 'inline'],
    ],
    text: 'x',
    messages: [{ raw: phish.raw, inline: true }],
  });
  const r = ok(await parseReport(bytes(raw)));
  assert.equal(r.source, 'rfc822');
  assert.equal(r.original.attachments.length, 1);
  assert.equal(r.original.from?.address, 'no-reply@c0ntoso.com');
});
