// The Archer description: the score with its thresholds, each reason with its points and code,
// Microsoft's compauth, what the attachments hold and where rewritten links lead; every value from a
// message escaped and every indicator defanged, however hostile, and old records still described.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeReport } from '../../../src/phishing/analyze/index.js';
import { caseDescription } from '../../../src/phishing/cases/content.js';
import type { ReportRecord, StoredAnalysis } from '../../../src/phishing/cases/report-record.js';
import type { ParsedMessage } from '../../../src/phishing/parse/index.js';
import { buildZip } from '../analyze/attachments/build-zip.js';
import { h, reportOf } from '../analyze/report-of.js';

const recordOf = (analysis: StoredAnalysis): ReportRecord => ({
  reportedAt: Date.parse('2026-12-01T10:00:00Z'),
  reporter: 'alice@contoso.com',
  subject: 'Invoice',
  from: 'billing@fabrikam.example',
  replyTo: [],
  returnPath: null,
  messageId: '<m@fabrikam.example>',
  analysis,
});
const describe = (over: Partial<ParsedMessage>) =>
  caseDescription([recordOf(analyzeReport(reportOf(over), { ownDomains: ['contoso.com'] }))]);

const zip = buildZip([
  { name: 'invoice.pdf.js', data: 'x' },
  { name: 'notes.txt', data: 'y', encrypted: true },
]);
const safeLink = `https://nam12.safelinks.protection.outlook.com/?url=${encodeURIComponent('https://evil.example/login')}&amp;data=05%7C02&amp;reserved=0`;
const PHISH: Partial<ParsedMessage> = {
  headers: [h('Authentication-Results', 'mx; dmarc=fail action=quarantine; compauth=fail reason=000')],
  html: `<p><a href="${safeLink}">Sign in</a></p>`,
  attachments: [
    { name: 'invoice.zip', contentType: 'application/zip', size: zip.length, bytes: new Uint8Array(zip) },
  ],
};

test('the score names the thresholds it was judged by, and each reason its points and code', () => {
  const d = describe(PHISH);
  assert.match(d, /<p><b>Verdict:<\/b> malicious \(score 10: malicious at 6, suspicious at 3\)<\/p>/);
  assert.ok(d.includes('<li>DMARC check failed (fail, policy quarantine). (+3, AUTH_DMARC_FAIL)</li>'), d);
  assert.ok(d.includes('(+1, AUTH_COMPAUTH_FAIL)</li>'), d);
  assert.ok(
    d.includes(
      '<li>Archive invoice[.]zip is password-protected, so mail filters could not look inside. (+2, ARCHIVE_ENCRYPTED)</li>',
    ),
    d,
  );
});

test('configured weights show as the points they gave', () => {
  const a = analyzeReport(reportOf(PHISH), {
    verdict: {
      thresholds: { suspicious: 4, malicious: 20 },
      points: { AUTH_DMARC_FAIL: 5, ARCHIVE_ENCRYPTED: 0 },
    },
  });
  const d = caseDescription([recordOf(a)]);
  assert.match(d, /<b>Verdict:<\/b> suspicious \(score 10: malicious at 20, suspicious at 4\)/);
  assert.ok(d.includes('(+5, AUTH_DMARC_FAIL)'));
  assert.ok(!d.includes('ARCHIVE_ENCRYPTED'));
});

test('a record stored before verdicts kept their thresholds shows the score alone', () => {
  const a = analyzeReport(reportOf(PHISH));
  const { thresholds: _, ...verdict } = a.verdict;
  const { inspected: __, ...old } = a;
  const d = caseDescription([recordOf({ ...old, verdict })]);
  assert.match(d, /<b>Verdict:<\/b> malicious \(score 10\)<\/p>/);
  assert.ok(!d.includes('Inside the attachments'));
});

test('the Authentication list holds Microsoft compauth with its reason', () => {
  assert.ok(describe(PHISH).includes('<li>Microsoft compauth: fail (reason 000)</li>'));
  assert.ok(describe({}).includes('<li>Microsoft compauth: —</li>'));
});

test('what the look inside the attachments found is listed per attachment', () => {
  const d = describe(PHISH);
  assert.ok(
    d.includes(
      '<p><b>Inside the attachments</b></p>\n<ul><li>invoice[.]zip (zip): 2 entries, 1 password-protected entry; dangerous entries: invoice[.]pdf[.]js (executable)</li></ul>',
    ),
    d,
  );
});

test('a rewritten link shows where it leads, both defanged', () => {
  const d = describe(PHISH);
  assert.match(
    d,
    /<li>hxxps:\/\/nam12\[\.\]safelinks\[\.\]protection\[\.\]outlook\[\.\]com\/\?url=[^<]* → hxxps:\/\/evil\[\.\]example\/login \(safelinks link\)<\/li>/,
  );
  // A gateway whose target stays on its servers says so instead of guessing.
  const mimecast = 'https://protect-eu.mimecast.com/s/AbCdEfGhIjKlMn?domain=evil.example';
  assert.ok(
    describe({ text: `Open ${mimecast} now` }).includes('→ a target only the gateway knows (mimecast link)'),
  );
});

test('hostile values in a stored record are escaped and defanged, never markup or live links', () => {
  const a = analyzeReport(reportOf(PHISH));
  const hostile: StoredAnalysis = {
    ...a,
    auth: { ...a.auth, compauth: '<b>fail</b>', compauthReason: '"><script>alert(1)</script>' },
    verdict: {
      ...a.verdict,
      level: 'malicious',
      reasons: [
        {
          code: 'X"><img src=x onerror=alert(1)>',
          points: 3,
          text: '<script>alert(1)</script> visit https://evil.example/x',
        },
      ],
    },
    inspected: [
      {
        name: '<svg onload=alert(1)> https://evil.example/a.zip',
        detected: '<i>zip</i>',
        claimed: '<u>pdf</u>',
        found: ['<marquee>'],
        loads: ['https://evil.example/t.dotm?"><iframe src=x>'],
        dangerous: [{ name: '<img src=x onerror=alert(2)>.js', risk: '<b>executable</b>' }],
      },
    ],
    iocs: { ...a.iocs, urls: [...a.iocs.urls, 'https://evil.example/"><script>alert(3)</script>'] },
  };
  const d = caseDescription([recordOf(hostile)]);
  const tags = new Set([...d.matchAll(/<\/?([a-z]+)/gi)].map((m) => (m[1] ?? '').toLowerCase()));
  assert.deepEqual([...tags].sort(), ['b', 'li', 'p', 'ul']);
  assert.ok(!/https?:\/\/evil/.test(d), 'a live link to evil.example');
  assert.ok(
    d.includes(
      '&lt;script&gt;alert(1)&lt;/script&gt; visit hxxps://evil[.]example/x (+3, X&quot;&gt;&lt;img',
    ),
  );
  assert.ok(d.includes('Microsoft compauth: &lt;b&gt;fail&lt;/b&gt; (reason &quot;&gt;&lt;script&gt;'));
  assert.ok(d.includes('loads hxxps://evil[.]example/t.dotm?&quot;&gt;&lt;iframe src=x&gt; when opened'));
});

test('each report says why it is in the campaign, escaped', () => {
  const a = analyzeReport(reportOf({}), {});
  const html = caseDescription([
    { ...recordOf(a), campaignJoin: 'first report of the campaign' },
    { ...recordOf(a), campaignJoin: 'joined: body 0.93 similar, same link skeletons <b>' },
  ]);
  assert.match(html, /alice@contoso\.com — first report of the campaign/);
  assert.match(html, /— joined: body 0\.93 similar, same link skeletons &lt;b&gt;/);
});
