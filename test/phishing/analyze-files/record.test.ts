import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeReport } from '../../../src/phishing/analyze/index.js';
import { analyzeBytes } from '../../../src/phishing/analyze-files/analyze-file.js';
import {
  analysedRecord,
  analyzeRecordSchema,
  type AnalysedRecord,
  isFailed,
  jsonLine,
} from '../../../src/phishing/analyze-files/record.js';
import { campaignAliases } from '../../../src/phishing/campaigns/index.js';
import { isUnparseable, parseReport } from '../../../src/phishing/parse/index.js';
import { formatText } from '../../../src/phishing/analyze-files/format-text.js';
import { asItemAttachment, buildMessage, credentialPhish, seeded } from '../corpus/index.js';
import { reportOf } from '../analyze/report-of.js';

const OPTIONS = {
  limits: { maxBytes: 32 * 1024 * 1024, maxDepth: 8, maxParts: 2000 },
  ownDomains: ['contoso.com'],
  allowDomains: [],
};
const bytes = (s: string) => new Uint8Array(Buffer.from(s));

/** Characters a terminal acts on, none of which a JSON line may carry raw. */
const controls = (s: string) =>
  [...s].filter((c) => {
    const n = c.codePointAt(0) ?? 0;
    return n < 0x20 || (n >= 0x7f && n <= 0x9f) || (n >= 0x202a && n <= 0x202e);
  });

async function analysed(raw: string): Promise<AnalysedRecord> {
  const r = await analyzeBytes('x.eml', bytes(raw), OPTIONS);
  if (isFailed(r)) assert.fail(r.error.code);
  return r;
}

test('a reported phish maps to a record the schema accepts, with the pipeline analysis in it', async () => {
  const phish = credentialPhish(seeded(11));
  const raw = asItemAttachment(phish);
  const r = await analysed(raw);
  assert.ok(analyzeRecordSchema.safeParse(r).success);
  // The same result as the pipeline's own calls on the same bytes.
  const parsed = await parseReport(bytes(raw));
  if (isUnparseable(parsed)) assert.fail(parsed.unparseable);
  const a = analyzeReport(parsed, { ownDomains: ['contoso.com'] });
  assert.equal(r.verdict.level, a.verdict.level);
  assert.deepEqual(r.verdict.reasons, a.verdict.reasons);
  assert.deepEqual(r.iocs.urls, a.iocs.urls);
  assert.deepEqual(
    r.received.map((h) => h.ips),
    a.received.map((h) => h.ips),
  );
  assert.equal(r.source, 'rfc822');
  assert.equal(r.depth, 1);
  assert.equal(r.from?.address, 'no-reply@c0ntoso.com');
  const { details, ...verdicts } = r.auth;
  assert.deepEqual(verdicts, {
    spf: 'fail',
    dkim: 'none',
    dmarc: 'fail',
    arc: null,
    compauth: 'fail',
    compauthReason: '000',
    dmarcPolicy: 'quarantine',
    dkimAligned: null,
    authservIds: [''],
  });
  assert.deepEqual(
    details?.map((d) => `${d.method}=${d.result}`),
    ['spf=fail', 'dkim=none', 'dmarc=fail', 'compauth=fail'],
  );
  assert.deepEqual(details?.[2]?.props, { action: 'quarantine', 'header.from': 'c0ntoso.com' });
  assert.equal(r.iocs.attachments[0]?.name, 'Invoice_2026.html');
  assert.match(r.iocs.attachments[0]?.sha256 ?? '', /^[0-9a-f]{64}$/);
});

test('other messages attached beside the analysed one are listed in the record and the text', async () => {
  const first = credentialPhish(seeded(21), { messageId: '<first@evil.example>' });
  const second = credentialPhish(seeded(22), {
    messageId: '<second@evil.example>',
    subject: 'Reset at https://reset-now.example',
  });
  const raw = buildMessage({
    headers: [
      ['From', 'alice@contoso.com'],
      ['Subject', 'FW: two of them'],
    ],
    text: 'two',
    messages: [{ raw: first.raw }, { raw: second.raw }],
  });
  const r = await analysed(raw);
  assert.ok(analyzeRecordSchema.safeParse(r).success);
  assert.equal(r.messageId, '<first@evil.example>');
  assert.deepEqual(
    r.alsoAttached.map(({ subject, messageId }) => ({ subject, messageId })),
    [{ subject: 'Reset at https://reset-now.example', messageId: '<second@evil.example>' }],
  );
  const text = formatText(r);
  assert.match(text, /also attached \(not analysed\):\n {4}Reset at hxxps:\/\/reset-now\[\.\]example from /);
  assert.deepEqual((await analysed(asItemAttachment(first))).alsoAttached, []);
});

test('the campaign key is the fingerprint alias when there is one, else the Message-ID alias', async () => {
  const parsed = reportOf({ subject: 'Invoice', messageId: '<a@fabrikam.example>' });
  const analysis = analyzeReport(parsed);
  const aliases = campaignAliases(analysis.campaign);
  const both = analysedRecord('f', parsed, analysis, aliases);
  assert.ok(aliases.fingerprint && aliases.messageId);
  assert.equal(both.campaignKey, aliases.fingerprint);
  assert.deepEqual(both.campaignAliases, { messageId: aliases.messageId, fingerprint: aliases.fingerprint });

  const noSender = reportOf({ from: null, messageId: '<b@fabrikam.example>' });
  const midOnly = analysedRecord(
    'f',
    noSender,
    analyzeReport(noSender),
    campaignAliases(analyzeReport(noSender).campaign),
  );
  assert.match(midOnly.campaignKey ?? '', /^mid:/);
  assert.equal(midOnly.campaignAliases.fingerprint, null);

  const nothing = reportOf({ from: null, messageId: null });
  const none = analysedRecord(
    'f',
    nothing,
    analyzeReport(nothing),
    campaignAliases(analyzeReport(nothing).campaign),
  );
  assert.equal(none.campaignKey, null);
});

test('internal fields that are not part of the schema stay out of the record', async () => {
  const r = await analysed(asItemAttachment(credentialPhish(seeded(2))));
  assert.equal('antiSpam' in r, false);
  assert.equal('lookalikes' in r, false);
  assert.equal('sources' in r.auth, false);
  assert.equal('bytes' in (r.iocs.attachments[0] ?? {}), false);
  // A strict schema: anything extra would be refused.
  assert.equal(analyzeRecordSchema.safeParse({ ...r, extra: 1 }).success, false);
});

test('an unparseable message becomes a failed record with the reason code and detail', async () => {
  const r = await analyzeBytes('empty.eml', new Uint8Array(), OPTIONS);
  assert.deepEqual(r, { file: 'empty.eml', error: { code: 'empty', detail: 'the report has no bytes' } });
  assert.ok(analyzeRecordSchema.safeParse(r).success);
});

test('a JSON line escapes C1 and bidi controls yet parses back to the same text', () => {
  const subject = 'pay \u009b31m now \u202eexe.pdf \u001b]0;x\u0007';
  const line = jsonLine({ file: subject, error: { code: 'empty', detail: 'd' } });
  assert.deepEqual(controls(line), []);
  assert.equal(JSON.parse(line).file, subject);
});
