// The analysis task with phishing.verifySignatures: the attached original's signatures are checked
// (through a DNS stand-in here) before the analysis, whose record and verdict carry the result.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AnalysisTask, analyseTask } from '../../../src/phishing/pipeline/analysis-task.js';
import { bytes, plainMessage, publishing, rsaKey, signed } from '../verify/signed-mail.js';

const key = rsaKey();
const dns = publishing({ 'rsa1._domainkey.fabrikam.example': key.record });

const reportAround = (original: string) =>
  bytes(
    [
      'From: Alice <alice@contoso.com>',
      'Subject: FW: Invoice 4711',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Is this real?',
      '--b',
      'Content-Type: message/rfc822',
      '',
      original,
      '--b--',
      '',
    ].join('\r\n'),
  );

const task = (mime: Uint8Array, verifySignatures: boolean): AnalysisTask => ({
  mime,
  receivedAt: Date.parse('2026-06-01T10:05:00Z'),
  limits: { maxBytes: 1024 * 1024, maxDepth: 8, maxParts: 100 },
  ownDomains: ['contoso.com'],
  allowDomains: [],
  verifySignatures,
});

test('an attached original whose body was changed after signing scores DKIM_SIGNATURE_INVALID', async () => {
  const original = (await signed(plainMessage(), 'fabrikam.example', 'rsa1', key)).replace(
    'Please pay',
    'Please wire',
  );
  const { record } = await analyseTask(task(reportAround(original), true), () => {}, { lookup: dns });
  assert.deepEqual(
    record.analysis?.signatures?.dkim.map((s) => [s.domain, s.result, s.why]),
    [['fabrikam.example', 'fail', 'body-hash']],
  );
  assert.ok(record.analysis?.verdict.reasons.some((r) => r.code === 'DKIM_SIGNATURE_INVALID'));
});

test('an intact signature passes, and nothing is looked up when verification is off', async () => {
  const original = await signed(plainMessage(), 'fabrikam.example', 'rsa1', key);
  const on = await analyseTask(task(reportAround(original), true), () => {}, { lookup: dns });
  assert.equal(on.record.analysis?.signatures?.dkim[0]?.result, 'pass');
  const quiet = publishing({});
  const off = await analyseTask(task(reportAround(original), false), () => {}, { lookup: quiet });
  assert.equal(off.record.analysis?.signatures, undefined);
  assert.deepEqual(quiet.asked, []);
});

test('a report without an attached original is not verified, and says why', async () => {
  const original = await signed(plainMessage(), 'fabrikam.example', 'rsa1', key);
  const { record } = await analyseTask(task(bytes(original), true), () => {}, { lookup: dns });
  assert.equal(record.analysis?.signatures?.status, 'skipped');
  assert.match(record.analysis?.signatures?.note ?? '', /report mail itself is not verified/);
});
