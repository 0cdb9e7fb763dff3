import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeReport, defang } from '../../../src/phishing/analyze/index.js';
import { isUnparseable, type ParsedReport, parseReport } from '../../../src/phishing/parse/index.js';
import {
  asItemAttachment,
  benignNewsletter,
  campaign,
  credentialPhish,
  seeded,
  standardCorpus,
} from '../corpus/index.js';

const OPTS = { ownDomains: ['contoso.com'] };

async function parsed(raw: string | Uint8Array): Promise<ParsedReport> {
  const r = await parseReport(typeof raw === 'string' ? new Uint8Array(Buffer.from(raw)) : raw);
  if (isUnparseable(r)) assert.fail(r.unparseable);
  return r;
}

test('a credential phish reported as an item attachment is malicious, with its indicators', async () => {
  const phish = credentialPhish(seeded(11));
  const a = analyzeReport(await parsed(asItemAttachment(phish)), OPTS);
  assert.equal(a.verdict.level, 'malicious');
  assert.deepEqual(
    a.verdict.reasons.map((r) => r.code),
    [
      'AUTH_SPF_FAIL',
      'AUTH_DMARC_FAIL',
      'AUTH_COMPAUTH_FAIL',
      'DOMAIN_LOOKALIKE',
      'REPLY_TO_MISMATCH',
      // The generated phish signs as a brand its sending domain does not carry.
      'SENDER_BRAND_MISMATCH',
      'LINK_TEXT_MISMATCH',
      'ATTACHMENT_DANGEROUS',
      // "Your mailbox is full"
      'CONTENT_LURE',
      'MS_SCL_HIGH',
      'MS_PHISH_CATEGORY',
    ],
  );
  assert.equal(a.received.length, 3);
  assert.deepEqual(a.iocs.ips, ['203.0.113.45', '198.51.100.7']);
  assert.ok(a.iocs.emails.includes('helpdesk@mailbox-recovery.example'));
  assert.ok(!a.iocs.emails.includes('alice@contoso.com'), 'own addresses are allow-listed');
  assert.equal(a.iocs.attachments[0]?.name, 'Invoice_2026.html');
  assert.ok(a.iocs.urls.every((u) => !defang(u).includes('://') || defang(u).startsWith('hxxp')));
  assert.equal(a.campaign.subject, 'action required: your mailbox storage is full');
  assert.equal(a.campaign.senderDomain, 'c0ntoso.com');
});

test('a benign newsletter with passing authentication is clean', async () => {
  const a = analyzeReport(await parsed(asItemAttachment(benignNewsletter())), OPTS);
  assert.deepEqual(a.verdict, {
    level: 'clean',
    score: 0,
    reasons: [],
    thresholds: { suspicious: 3, malicious: 6 },
  });
  assert.deepEqual(a.auth.dmarc, 'pass');
});

test('reports of one campaign by different people share subject, URL fingerprint and message id', async () => {
  const phish = credentialPhish(seeded(12));
  const keys = new Set<string>();
  const reporters = new Set<string>();
  for (const raw of campaign(phish, 25)) {
    const r = await parsed(raw);
    const a = analyzeReport(r, OPTS);
    keys.add(JSON.stringify(a.campaign));
    reporters.add(r.reporter?.address ?? '');
  }
  assert.equal(keys.size, 1);
  assert.equal(reporters.size, 25);
});

test('every entry of the standard corpus parses and analyses, deterministically for a seed', async () => {
  const first = standardCorpus(3);
  const again = standardCorpus(3);
  assert.deepEqual(
    first.map((e) => e.raw),
    again.map((e) => e.raw),
  );
  for (const e of first) {
    const a = analyzeReport(await parsed(e.raw), OPTS);
    assert.ok(['clean', 'suspicious', 'malicious'].includes(a.verdict.level), e.name);
  }
});

test('invalid analysis options are rejected', async () => {
  const r = await parsed(asItemAttachment(benignNewsletter()));
  assert.throws(() => analyzeReport(r, { allowIps: ['not-an-ip'] }));
});
