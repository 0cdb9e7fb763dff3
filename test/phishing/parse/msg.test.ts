import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { isUnparseable, type ParsedReport, parseReport } from '../../../src/phishing/parse/index.js';
import { asMsgFile, MSG_DIR } from '../corpus/index.js';

async function report(name: string): Promise<ParsedReport> {
  const r = await parseReport(new Uint8Array(Buffer.from(asMsgFile(name))));
  if (isUnparseable(r)) assert.fail(`${name}: ${r.unparseable} ${r.detail}`);
  return r;
}

/** Expected innermost subject and depth for every real .msg in the corpus. */
const EXPECTED: Record<string, { subject: string; depth: number; source: string }> = {
  'Attach_sample_eml_received.msg': { subject: 'sample', depth: 2, source: 'msg' },
  'Attach_sample_eml_sent.msg': { subject: 'sample', depth: 2, source: 'eml' },
  'Hello__CJK.msg': { subject: 'Hello +CJK', depth: 1, source: 'msg' },
  'Outer_mail.msg': { subject: 'Inner mail', depth: 2, source: 'msg' },
  'Simple.msg': { subject: 'Simple', depth: 1, source: 'msg' },
  'attachmentsOrder.msg': { subject: 'Attachments order', depth: 1, source: 'msg' },
  'htmlLink.msg': { subject: 'htmlLink', depth: 1, source: 'msg' },
  'htmlLink2.msg': { subject: 'htmlLink2', depth: 1, source: 'msg' },
  'longerFat.msg': { subject: 'Has 64KB.bin', depth: 2, source: 'msg' },
  'msgInMsgInMsg.msg': { subject: 'Microsoft Outlook テスト メッセージ', depth: 3, source: 'msg' },
  'nonUnicodeCP932.msg': { subject: '日本語 Non Unicode タイトル', depth: 1, source: 'msg' },
  'nonUnicodeMail.msg': { subject: 'Non Unicode mail subject', depth: 1, source: 'msg' },
  'sent.msg': { subject: 'Sent time', depth: 1, source: 'msg' },
  'test1.msg': { subject: 'title', depth: 1, source: 'msg' },
  'unicode1.msg': { subject: '畑㵲応ｲ瑤㵨㠱', depth: 1, source: 'msg' },
};

test('every real .msg in the corpus has an expectation', () => {
  const files = readdirSync(MSG_DIR)
    .filter((f) => f.endsWith('.msg'))
    .sort();
  assert.deepEqual(files, Object.keys(EXPECTED).sort());
});

for (const [name, want] of Object.entries(EXPECTED)) {
  test(`a report with ${name} attached yields its innermost message`, async () => {
    const r = await report(name);
    assert.equal(r.original.subject, want.subject);
    assert.equal(r.depth, want.depth);
    assert.equal(r.source, want.source);
    assert.equal(r.reporter?.address, 'alice@contoso.com');
    assert.deepEqual(r.warnings, []);
  });
}

test('a received .msg keeps its transport headers and sender', async () => {
  const r = await report('Attach_sample_eml_received.msg');
  assert.equal(r.original.from?.address, 'hmailuser@hmailserver.test');
  assert.equal(r.original.messageId, '<4b8ce858-d06e-487e-a062-b8d7efb4d9d9@hmailserver.test>');
  assert.ok(r.original.headers.some((h) => h.name === 'User-Agent'));
});

test('a .msg without transport headers gets headers rebuilt from its properties', async () => {
  const r = await report('sent.msg');
  assert.equal(r.original.from?.address, 'xmailuser@xmailserver.test');
  assert.deepEqual(
    r.original.headers.map((h) => h.name),
    ['From', 'Subject', 'Date'],
  );
  assert.equal(r.original.date, '2021-02-15T08:19:04.000Z');
});

test('.msg file attachments come with name, type, size and bytes, in order', async () => {
  const r = await report('attachmentsOrder.msg');
  assert.deepEqual(
    r.original.attachments.map((a) => [a.name, a.size]),
    [
      ['A.docx', 11627],
      ['B.docx', 11631],
      ['C.docx', 11753],
      ['D.docx', 11762],
    ],
  );
  assert.ok(r.original.attachments.every((a) => a.bytes.byteLength === a.size));
});

test('attachments of a .msg nested in a .msg are read', async () => {
  const r = await report('Outer_mail.msg');
  assert.deepEqual(
    r.original.attachments.map((a) => a.name),
    ['INNER 1.pdf', 'INNER 2.pdf'],
  );
  const pdf = r.original.attachments[0]?.bytes ?? new Uint8Array();
  assert.equal(Buffer.from(pdf.subarray(0, 5)).toString('latin1'), '%PDF-');
});

test('plain-text bodies of Unicode .msg files survive', async () => {
  assert.match((await report('Hello__CJK.msg')).original.text, /你好.*こんにちは.*안녕하세요/s);
});

test('a file named .msg that is no compound file stays an ordinary attachment', async () => {
  const { buildMessage } = await import('../corpus/index.js');
  const raw = buildMessage({
    headers: [
      ['From', 'alice@contoso.com'],
      ['Subject', 'fake'],
    ],
    text: 'x',
    files: [
      {
        name: 'fake.msg',
        contentType: 'application/vnd.ms-outlook',
        bytes: new Uint8Array(Buffer.from('hello')),
      },
    ],
  });
  const r = await parseReport(new Uint8Array(Buffer.from(raw)));
  assert.ok(!isUnparseable(r));
  assert.equal(r.source, 'wrapper');
  assert.equal(r.original.attachments[0]?.name, 'fake.msg');
});

test('a corrupt compound file attached as .msg leaves the wrapper as original with a warning', async () => {
  const { buildMessage } = await import('../corpus/index.js');
  const bad = new Uint8Array(4096);
  bad.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const raw = buildMessage({
    headers: [
      ['From', 'alice@contoso.com'],
      ['Subject', 'broken'],
    ],
    text: 'x',
    files: [{ name: 'broken.msg', contentType: 'application/vnd.ms-outlook', bytes: bad }],
  });
  const r = await parseReport(new Uint8Array(Buffer.from(raw)));
  assert.ok(!isUnparseable(r));
  assert.equal(r.source, 'wrapper');
  assert.ok(r.warnings.includes('msg-unreadable:1'), r.warnings.join());
});
