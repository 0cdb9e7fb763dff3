import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { isUnparseable, type ParsedReport, parseReport } from '../../../src/phishing/parse/index.js';
import { parseMessageFile } from '../../../src/phishing/parse/parse-file.js';
import { asItemAttachment, credentialPhish, MSG_DIR, msgFile, nested, seeded } from '../corpus/index.js';

async function file(bytes: Uint8Array, options = {}): Promise<ParsedReport> {
  const r = await parseMessageFile(bytes, options);
  if (isUnparseable(r)) assert.fail(`${r.unparseable} ${r.detail}`);
  return r;
}

/** The .msg file itself is depth 0; what it carries is one level down (cf. msg.test.ts, one level less). */
const EXPECTED: Record<string, { subject: string; depth: number; source: string }> = {
  'Attach_sample_eml_received.msg': { subject: 'sample', depth: 1, source: 'msg' },
  'Attach_sample_eml_sent.msg': { subject: 'sample', depth: 1, source: 'eml' },
  'Hello__CJK.msg': { subject: 'Hello +CJK', depth: 0, source: 'msg' },
  'Outer_mail.msg': { subject: 'Inner mail', depth: 1, source: 'msg' },
  'Simple.msg': { subject: 'Simple', depth: 0, source: 'msg' },
  'attachmentsOrder.msg': { subject: 'Attachments order', depth: 0, source: 'msg' },
  'htmlLink.msg': { subject: 'htmlLink', depth: 0, source: 'msg' },
  'htmlLink2.msg': { subject: 'htmlLink2', depth: 0, source: 'msg' },
  'longerFat.msg': { subject: 'Has 64KB.bin', depth: 1, source: 'msg' },
  'msgInMsgInMsg.msg': { subject: 'Microsoft Outlook テスト メッセージ', depth: 2, source: 'msg' },
  'nonUnicodeCP932.msg': { subject: '日本語 Non Unicode タイトル', depth: 0, source: 'msg' },
  'nonUnicodeMail.msg': { subject: 'Non Unicode mail subject', depth: 0, source: 'msg' },
  'sent.msg': { subject: 'Sent time', depth: 0, source: 'msg' },
  'test1.msg': { subject: 'title', depth: 0, source: 'msg' },
  'unicode1.msg': { subject: '畑㵲応ｲ瑤㵨㠱', depth: 0, source: 'msg' },
};

test('every real .msg on disk parses to its innermost message, the file itself at depth 0', async () => {
  const names = readdirSync(MSG_DIR).filter((f) => f.endsWith('.msg'));
  assert.deepEqual(names.sort(), Object.keys(EXPECTED).sort());
  for (const name of names) {
    const r = await file(msgFile(name));
    const want = EXPECTED[name];
    assert.deepEqual({ subject: r.original.subject, depth: r.depth, source: r.source }, want, name);
    assert.deepEqual(r.warnings, [], name);
    assert.equal(r.reporter, null, name);
  }
});

test('a .msg keeps its transport headers when Outlook stored them', async () => {
  const r = await file(msgFile('Attach_sample_eml_received.msg'));
  assert.equal(r.original.from?.address, 'hmailuser@hmailserver.test');
});

test('MIME is parsed exactly as parseReport parses it', async () => {
  const raw = new Uint8Array(Buffer.from(asItemAttachment(credentialPhish(seeded(8)))));
  assert.deepEqual(await parseMessageFile(raw), await parseReport(raw));
});

test('a damaged .msg is unparseable, not an empty message', async () => {
  const damaged = msgFile('Simple.msg').slice(0, 2048);
  const r = await parseMessageFile(damaged);
  assert.ok(isUnparseable(r));
  assert.equal(r.unparseable, 'parser-failed');
});

test('the limits hold for a .msg as for MIME: depth counted from the file, bytes from the file', async () => {
  const deep = msgFile('msgInMsgInMsg.msg');
  assert.equal((await file(deep, { maxDepth: 2 })).depth, 2);
  const tooDeep = await parseMessageFile(deep, { maxDepth: 1 });
  assert.ok(isUnparseable(tooDeep) && tooDeep.unparseable === 'too-deep');
  const tooBig = await parseMessageFile(deep, { maxTotalBytes: deep.byteLength - 1 });
  assert.ok(isUnparseable(tooBig) && tooBig.unparseable === 'too-large');
  assert.equal((await file(deep, { maxTotalBytes: deep.byteLength })).depth, 2);
  // The same depth rule for MIME: two messages below the file need maxDepth 2.
  const mime = new Uint8Array(Buffer.from(nested(credentialPhish(seeded(1)), 2)));
  assert.equal((await file(mime, { maxDepth: 2 })).depth, 2);
});
