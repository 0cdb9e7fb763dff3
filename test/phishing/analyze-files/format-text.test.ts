import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeBytes } from '../../../src/phishing/analyze-files/analyze-file.js';
import { formatText } from '../../../src/phishing/analyze-files/format-text.js';
import { failedRecord, isFailed } from '../../../src/phishing/analyze-files/record.js';
import { asItemAttachment, credentialPhish, seeded } from '../corpus/index.js';

const OPTIONS = {
  limits: { maxBytes: 32 * 1024 * 1024, maxDepth: 8, maxParts: 2000 },
  ownDomains: ['contoso.com'],
  allowDomains: [],
};

/** Characters a terminal acts on, other than the newlines between lines. */
const controls = (s: string) =>
  [...s].filter((c) => {
    const n = c.codePointAt(0) ?? 0;
    return (n < 0x20 && c !== '\n') || (n >= 0x7f && n <= 0x9f) || (n >= 0x202a && n <= 0x202e);
  });

async function record(subject?: string) {
  const phish = credentialPhish(seeded(4), subject ? { subject } : {});
  const r = await analyzeBytes(
    'reports/a.eml',
    new Uint8Array(Buffer.from(asItemAttachment(phish))),
    OPTIONS,
  );
  if (isFailed(r)) assert.fail(r.error.code);
  return r;
}

test('every indicator in the text form is defanged', async () => {
  const r = await record();
  const text = formatText(r);
  assert.ok(r.iocs.urls.length > 0);
  for (const u of r.iocs.urls) assert.ok(!text.includes(u), `live URL ${u}`);
  for (const d of r.iocs.domains) assert.ok(!text.includes(d), `live domain ${d}`);
  for (const ip of r.iocs.ips.filter((x) => x.includes('.'))) assert.ok(!text.includes(ip), `live IP ${ip}`);
  assert.match(text, /hxxps:\/\/[^\s]*\[\.\]/);
  assert.match(text, /no-reply\[@\]c0ntoso\[\.\]com/);
  assert.match(text, /verdict: MALICIOUS/);
  assert.match(text, /spf=fail dkim=none dmarc=fail arc=- compauth=fail/);
  assert.match(text, /203\[\.\]0\[\.\]113\[\.\]45/);
  // Hosts at the end of a reason's sentence too.
  assert.match(text, /sender's domain c0ntoso\[\.\]com\./);
});

test('the verdict names its thresholds and each reason its points and code', async () => {
  const text = formatText(await record());
  assert.match(text, /^ {2}verdict: MALICIOUS \(score \d+: malicious at 6, suspicious at 3\)$/m);
  assert.match(text, /^ {4}- DMARC check failed \(fail, policy quarantine\)\. \(\+3, AUTH_DMARC_FAIL\)$/m);
  const weighed = await analyzeBytes(
    'reports/a.eml',
    new Uint8Array(Buffer.from(asItemAttachment(credentialPhish(seeded(4))))),
    {
      ...OPTIONS,
      verdict: { thresholds: { suspicious: 40, malicious: 50 }, points: { AUTH_DMARC_FAIL: 0 } },
    },
  );
  if (isFailed(weighed)) assert.fail(weighed.error.code);
  const t = formatText(weighed);
  assert.match(t, /verdict: CLEAN \(score \d+: malicious at 50, suspicious at 40\)/);
  assert.doesNotMatch(t, /AUTH_DMARC_FAIL/);
});

test('a hostile subject cannot put escape sequences on the terminal', async () => {
  const r = await record('Hello \u001b[2J\u001b]0;pwned\u0007 \u202eexe.pdf');
  const text = formatText(r);
  assert.deepEqual(controls(text), []);
  assert.match(text, /subject: Hello \\x1b\[2J\\x1b\]0;pwned\\x07 \\u202eexe\[\.\]pdf/);
});

test('a file name with control characters is escaped too', () => {
  const text = formatText(failedRecord('evil\u001b[31m.eml', 'empty', 'the report has no bytes'));
  assert.equal(text, 'evil\\x1b[31m.eml\n  error: empty: the report has no bytes\n\n');
});
