// The reason-code catalogue: today's weights as defaults (an empty configuration changes no verdict),
// every code a rule can give, and docs/phishing.md's table in agreement with it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pointsOf, REASON_CODES, type ReasonCode } from '../../../src/phishing/analyze/reason-codes.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

test('the default points are the weights the rules had before they were configurable', () => {
  const defaults = Object.fromEntries(
    Object.entries(REASON_CODES).map(([code, info]) => [code, info.points]),
  );
  assert.deepEqual(defaults, {
    AUTH_SPF_FAIL: 2,
    AUTH_SPF_SOFTFAIL: 1,
    AUTH_DKIM_FAIL: 2,
    AUTH_DMARC_FAIL: 3,
    AUTH_ARC_FAIL: 1,
    AUTH_COMPAUTH_SOFTFAIL: 1,
    AUTH_COMPAUTH_FAIL: 2,
    DKIM_SIGNATURE_INVALID: 3,
    ARC_CHAIN_INVALID: 1,
    DOMAIN_LOOKALIKE: 4,
    DOMAIN_PUNYCODE_LOOKALIKE: 4,
    REPLY_TO_MISMATCH: 2,
    REPLY_TO_FREE_MAIL: 2,
    SENDER_BRAND_MISMATCH: 3,
    SENDER_NAME_ADDRESS_MISMATCH: 3,
    SENDER_NO_PUBLIC_SUFFIX: 3,
    SENDER_SHARED_TENANT: 1,
    SUBJECT_NAMES_RECIPIENT: 2,
    SUBJECT_RANDOM_TOKEN: 2,
    LOOKALIKE_LETTERS: 2,
    LINK_TEXT_MISMATCH: 3,
    LINK_USERINFO: 3,
    LINK_IP_HOST: 2,
    LINK_SHORTENER: 1,
    LINK_FREE_HOSTING: 1,
    LINK_RISKY_TLD: 1,
    ATTACHMENT_MACRO: 3,
    ATTACHMENT_REMOTE_CONTENT: 4,
    ATTACHMENT_PDF_ACTIVE: 2,
    ATTACHMENT_PDF_LOCKED_LINK: 2,
    ARCHIVE_DANGEROUS: 4,
    ARCHIVE_ENCRYPTED: 2,
    ATTACHMENT_TYPE_MISMATCH: 1,
    ATTACHMENT_DANGEROUS: 4,
    CONTENT_LURE: 2,
    MS_SCL_HIGH: 2,
    MS_SCL_HIGH_CONFIDENCE: 3,
    MS_BCL_HIGH: 1,
    MS_PHISH_CATEGORY: 3,
  });
  // The cases that varied keep their old points at the defaults.
  const none = {};
  assert.equal(pointsOf(none, 'AUTH_DMARC_FAIL', 'policy none'), 2);
  assert.equal(pointsOf(none, 'AUTH_COMPAUTH_FAIL'), 2);
  assert.equal(pointsOf(none, 'AUTH_COMPAUTH_FAIL', 'reason 000 without AUTH_DMARC_FAIL'), 3);
  assert.equal(pointsOf(none, 'AUTH_COMPAUTH_FAIL', 'reason 000 beside AUTH_DMARC_FAIL'), 1);
  assert.equal(
    pointsOf(none, 'AUTH_COMPAUTH_FAIL', 'reason 002 (an organisation policy forbids the sender)'),
    3,
  );
  assert.equal(
    pointsOf(none, 'AUTH_COMPAUTH_FAIL', 'reason 010 or 6xx (one of your accepted domains spoofed)'),
    3,
  );
});

test('a configured weight moves every case of its code, never below 1 while the code is on', () => {
  assert.equal(pointsOf({ AUTH_DMARC_FAIL: 5 }, 'AUTH_DMARC_FAIL'), 5);
  assert.equal(pointsOf({ AUTH_DMARC_FAIL: 5 }, 'AUTH_DMARC_FAIL', 'policy none'), 4);
  assert.equal(pointsOf({ AUTH_DMARC_FAIL: 1 }, 'AUTH_DMARC_FAIL', 'policy none'), 1);
  assert.equal(pointsOf({ AUTH_DMARC_FAIL: 0 }, 'AUTH_DMARC_FAIL', 'policy none'), 0);
  assert.equal(
    pointsOf({ AUTH_COMPAUTH_FAIL: 0 }, 'AUTH_COMPAUTH_FAIL', 'reason 000 without AUTH_DMARC_FAIL'),
    0,
  );
  assert.equal(pointsOf({ LINK_SHORTENER: 7 }, 'LINK_IP_HOST'), 2);
});

test('every catalogued code is given by a rule', () => {
  const rules = [
    'rules.ts',
    'rules-links.ts',
    'rules-sender.ts',
    'rules-attachments.ts',
    'rules-content.ts',
    'rules-signatures.ts',
  ]
    .map((f) => read(`../../../src/phishing/analyze/${f}`))
    .join('\n');
  for (const code of Object.keys(REASON_CODES))
    assert.ok(rules.includes(`'${code}'`), `no rule gives ${code}`);
});

test('docs/phishing.md lists every code with its default points, and no other code', () => {
  const doc = read('../../../docs/phishing.md');
  const rows = new Map(
    [...doc.matchAll(/^\| `([A-Z0-9_]+)` \| (\d+) \|/gm)].map((m) => [m[1] as string, Number(m[2])]),
  );
  for (const [code, info] of Object.entries(REASON_CODES))
    assert.equal(rows.get(code), info.points, `docs/phishing.md: row of ${code}`);
  for (const code of rows.keys())
    assert.ok(code in REASON_CODES, `docs/phishing.md lists ${code}, no reason code`);
  // Each varying case is documented beside its code.
  for (const [code, info] of Object.entries(REASON_CODES) as Array<[ReasonCode, { adjust?: object }]>)
    for (const adjustment of Object.keys(info.adjust ?? {}))
      assert.ok(doc.includes(adjustment), `docs/phishing.md lacks the case "${adjustment}" of ${code}`);
});
