// Every verdict rule with a case that fires it and a close case that must not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeReport } from '../../../src/phishing/analyze/index.js';
import type { ParsedMessage } from '../../../src/phishing/parse/index.js';
import { h, reportOf } from './report-of.js';

const OPTS = { ownDomains: ['contoso.com'] };
const codes = (over: Partial<ParsedMessage>) =>
  analyzeReport(reportOf(over), OPTS).verdict.reasons.map((r) => r.code);
const file = (name: string, contentType = 'application/octet-stream') => ({
  name,
  contentType,
  size: 1,
  bytes: new Uint8Array([1]),
});

interface Case {
  code: string;
  fires: Partial<ParsedMessage>;
  quiet: Partial<ParsedMessage>;
}

const CASES: Case[] = [
  {
    code: 'AUTH_SPF_FAIL',
    fires: { headers: [h('Authentication-Results', 'mx; spf=fail smtp.mailfrom=x')] },
    quiet: { headers: [h('Authentication-Results', 'mx; spf=pass smtp.mailfrom=x')] },
  },
  {
    code: 'AUTH_SPF_SOFTFAIL',
    fires: { headers: [h('Authentication-Results', 'mx; spf=softfail')] },
    quiet: { headers: [h('Authentication-Results', 'mx; spf=neutral')] },
  },
  {
    code: 'AUTH_DKIM_FAIL',
    fires: { headers: [h('Authentication-Results', 'mx; dkim=fail header.d=x')] },
    quiet: { headers: [h('Authentication-Results', 'mx; dkim=none')] },
  },
  {
    code: 'AUTH_DMARC_FAIL',
    fires: { headers: [h('Authentication-Results', 'mx; dmarc=fail action=none')] },
    quiet: { headers: [h('Authentication-Results', 'mx; dmarc=bestguesspass')] },
  },
  {
    code: 'AUTH_ARC_FAIL',
    fires: { headers: [h('Authentication-Results', 'mx; arc=fail')] },
    quiet: { headers: [h('Authentication-Results', 'mx; arc=pass')] },
  },
  {
    code: 'DOMAIN_LOOKALIKE',
    fires: { from: { name: 'IT', address: 'it@c0ntoso.com' } },
    quiet: { from: { name: 'IT', address: 'it@contoso.com' } },
  },
  {
    code: 'DOMAIN_PUNYCODE_LOOKALIKE',
    fires: { text: 'log in at https://xn--cntoso-wqf.com/login' },
    quiet: { text: 'log in at https://xn--mnchen-3ya.de/login' },
  },
  {
    code: 'REPLY_TO_MISMATCH',
    fires: { replyTo: [{ name: '', address: 'x@other.example' }] },
    quiet: { replyTo: [{ name: '', address: 'billing@mail.fabrikam.example' }] },
  },
  {
    code: 'LINK_TEXT_MISMATCH',
    fires: { html: '<a href="https://evil.example/x">https://www.paypal.com/signin</a>' },
    quiet: {
      html: '<a href="https://www.paypal.com/signin?x=1">www.paypal.com</a> <a href="https://evil.example">Click here</a>',
    },
  },
  {
    code: 'ATTACHMENT_DANGEROUS',
    fires: { attachments: [file('invoice.pdf.exe')] },
    quiet: { attachments: [file('invoice.pdf', 'application/pdf')] },
  },
  {
    code: 'ATTACHMENT_MACRO',
    fires: { attachments: [file('salary.xlsm')] },
    quiet: { attachments: [file('salary.xlsx')] },
  },
  {
    code: 'REPLY_TO_FREE_MAIL',
    fires: {
      from: { name: 'Jean', address: 'jean2028@gmail.com' },
      replyTo: [{ name: '', address: 'jean2059@gmail.com' }],
    },
    quiet: {
      from: { name: 'Jean', address: 'jean2028@gmail.com' },
      replyTo: [{ name: '', address: 'Jean2028@gmail.com' }],
    },
  },
  {
    code: 'SENDER_SHARED_TENANT',
    fires: { from: { name: 'Wallet', address: 'help@abcd.zendesk.com' } },
    quiet: { from: { name: 'Help', address: 'help@zendesk.com' } },
  },
  {
    code: 'SUBJECT_NAMES_RECIPIENT',
    fires: { subject: 'jane.doe: your mailbox is full', headers: [h('To', 'Jane <jane.doe@contoso.com>')] },
    quiet: { subject: '[jane.doe] weekly digest', headers: [h('To', 'Jane <jane.doe@contoso.com>')] },
  },
  {
    code: 'SUBJECT_RANDOM_TOKEN',
    fires: { subject: 'Atenção Itau - fg46qFdZiRVH3jI' },
    quiet: { subject: 'Order 4711-AB12CD34 shipped, ticket INC0012345' },
  },
  {
    code: 'CONTENT_LURE',
    fires: { subject: 'Action: verify your account today' },
    quiet: { subject: 'Your account summary for November' },
  },
  {
    code: 'MS_SCL_HIGH',
    fires: { headers: [h('X-MS-Exchange-Organization-SCL', '6')] },
    quiet: { headers: [h('X-MS-Exchange-Organization-SCL', '9')] },
  },
  {
    code: 'MS_SCL_HIGH_CONFIDENCE',
    fires: { headers: [h('X-MS-Exchange-Organization-SCL', '7')] },
    quiet: { headers: [h('X-MS-Exchange-Organization-SCL', '6')] },
  },
  {
    code: 'MS_BCL_HIGH',
    fires: { headers: [h('X-Microsoft-Antispam', 'BCL:8;')] },
    quiet: { headers: [h('X-Microsoft-Antispam', 'BCL:3;')] },
  },
  {
    code: 'MS_PHISH_CATEGORY',
    fires: { headers: [h('X-Forefront-Antispam-Report', 'CAT:PHSH;SFV:SPM;')] },
    quiet: { headers: [h('X-Forefront-Antispam-Report', 'CAT:NONE;SFV:NSPM;')] },
  },
];

for (const c of CASES) {
  test(`${c.code} fires on a matching message`, () =>
    assert.ok(codes(c.fires).includes(c.code), codes(c.fires).join()));
  test(`${c.code} stays quiet on a near miss`, () =>
    assert.ok(!codes(c.quiet).includes(c.code), codes(c.quiet).join()));
}

test('the dangerous-type rule names each kind: disk image, HTML, script', () => {
  const texts = analyzeReport(
    reportOf({ attachments: [file('a.iso'), file('b.htm'), file('c.js')] }),
    OPTS,
  ).verdict.reasons.map((r) => r.text);
  assert.deepEqual(texts, [
    'Attachment a.iso is a dangerous type (disk-image).',
    'Attachment b.htm is a dangerous type (html).',
    'Attachment c.js is a dangerous type (executable).',
  ]);
});

test('levels follow the thresholds: clean, suspicious, malicious', () => {
  const level = (over: Partial<ParsedMessage>, thresholds?: { suspicious: number; malicious: number }) =>
    analyzeReport(reportOf(over), { ...OPTS, ...(thresholds ? { verdict: { thresholds } } : {}) }).verdict;
  assert.deepEqual(level({}), {
    level: 'clean',
    score: 0,
    reasons: [],
    thresholds: { suspicious: 3, malicious: 6 },
  });
  assert.equal(level({ headers: [h('Authentication-Results', 'mx; dmarc=fail')] }).level, 'suspicious');
  const bad = { headers: [h('Authentication-Results', 'mx; dmarc=fail')], attachments: [file('x.exe')] };
  assert.equal(level(bad).level, 'malicious');
  assert.equal(level(bad).score, 7);
  assert.equal(level(bad, { suspicious: 10, malicious: 20 }).level, 'clean');
});

test('LINK_TEXT_MISMATCH judges the target of a rewritten link, not the gateway', () => {
  const safeLinks = (target: string) =>
    `https://nam12.safelinks.protection.outlook.com/?url=${encodeURIComponent(target)}&amp;data=05%7C02&amp;reserved=0`;
  const honest = `<a href="${safeLinks('https://www.paypal.com/signin')}">https://www.paypal.com/signin</a>`;
  assert.ok(!codes({ html: honest }).includes('LINK_TEXT_MISMATCH'), codes({ html: honest }).join());
  const deceptive = `<a href="${safeLinks('https://evil.example/signin')}">https://www.paypal.com/signin</a>`;
  assert.ok(codes({ html: deceptive }).includes('LINK_TEXT_MISMATCH'));
  const text = analyzeReport(reportOf({ html: deceptive }), OPTS).verdict.reasons.find(
    (r) => r.code === 'LINK_TEXT_MISMATCH',
  )?.text;
  assert.equal(text, 'A link shows www.paypal.com but leads to evil.example.');
  // A rewritten link shown as its own text, and a gateway link whose target stays on its servers.
  const selfShown = `<a href="${safeLinks('https://www.paypal.com/')}">${safeLinks('https://www.paypal.com/')}</a>`;
  assert.ok(!codes({ html: selfShown }).includes('LINK_TEXT_MISMATCH'));
  const mimecast = '<a href="https://protect-eu.mimecast.com/s/AbCd">www.paypal.com</a>';
  assert.ok(!codes({ html: mimecast }).includes('LINK_TEXT_MISMATCH'));
});

test('a discussion list that resent a message explains its DKIM and DMARC failures, not a spoofer', () => {
  const failing = h(
    'Authentication-Results',
    'mx; dkim=fail header.d=gmail.com; dmarc=fail header.from=gmail.com',
  );
  const viaList = (
    extra: ReturnType<typeof h>[] = [],
    returnPath = 'users-bounces+jane=corp@lists.example.org',
  ) =>
    analyzeReport(
      reportOf({
        from: { name: 'Jane', address: 'jane@gmail.com' },
        returnPath,
        headers: [failing, h('List-Id', 'Users of the thing <users.lists.example.org>'), ...extra],
      }),
      OPTS,
    ).verdict;
  const listed = viaList();
  assert.deepEqual(
    listed.reasons.map((r) => [r.code, r.points]),
    [
      ['AUTH_DKIM_FAIL', 1],
      ['AUTH_DMARC_FAIL', 1],
    ],
  );
  assert.equal(listed.level, 'clean');
  assert.match(listed.reasons[0]?.text ?? '', /mailing list/);
  // The envelope is not the list's: whoever sent it, the list did not.
  assert.equal(viaList([], 'bounce@evil.example').level, 'suspicious');
  // The author's domain asks to refuse failing mail: a list would have to rewrite From, a spoofer has not.
  const protectedDomain = h(
    'Authentication-Results',
    'mx; dkim=fail; dmarc=fail action=quarantine header.from=gmail.com',
  );
  const strict = analyzeReport(
    reportOf({
      from: { name: 'Jane', address: 'jane@gmail.com' },
      returnPath: 'users-bounces@lists.example.org',
      headers: [protectedDomain, h('List-Id', '<users.lists.example.org>'), h('Authentication-Results', 'x')],
    }),
    OPTS,
  ).verdict;
  assert.ok(strict.score >= 3, JSON.stringify(strict.reasons));
  // A bulk sender's List-Unsubscribe is no discussion list.
  const bulk = analyzeReport(
    reportOf({
      from: { name: 'Shop', address: 'news@gmail.com' },
      returnPath: 'bounce@lists.example.org',
      headers: [failing, h('List-Unsubscribe', '<mailto:unsub@lists.example.org>')],
    }),
    OPTS,
  ).verdict;
  assert.equal(bulk.level, 'suspicious');
});

test('a list that wrote its own address into From sends replies to the author: no Reply-To mismatch', () => {
  const over = (returnPath: string) => ({
    from: { name: 'Jane via Users', address: 'users@lists.example.org' },
    replyTo: [{ name: 'Jane', address: 'jane@gmail.com' }],
    returnPath,
    headers: [h('List-Id', '<users.lists.example.org>'), h('List-Post', '<mailto:users@lists.example.org>')],
  });
  assert.ok(!codes(over('users-bounces@lists.example.org')).includes('REPLY_TO_MISMATCH'));
  assert.ok(codes(over('bounce@evil.example')).includes('REPLY_TO_MISMATCH'));
});

test("LINK_TEXT_MISMATCH leaves out file names and links into the sender's own domain", () => {
  const link = (text: string, href: string, from = 'news@fabrikam.example') =>
    codes({
      from: { name: 'News', address: from },
      html: `<p><a href="${href}">${text}</a></p>`,
    });
  assert.ok(
    !link('detector.sv', 'https://github.com/x/y/blob/main/detector.sv').includes('LINK_TEXT_MISMATCH'),
  );
  assert.ok(!link('setup.py', 'https://github.com/x/y').includes('LINK_TEXT_MISMATCH'));
  assert.ok(link('paypal.com', 'https://github.com/x/y').includes('LINK_TEXT_MISMATCH'));
  assert.ok(link('www.sat.gob.mx', 'https://evil.example/a').includes('LINK_TEXT_MISMATCH'));
  assert.ok(!link('dilbert.com', 'https://click.fabrikam.example/t/123').includes('LINK_TEXT_MISMATCH'));
  assert.ok(
    link('dilbert.com', 'https://click.fabrikam.example/t/123', 'x@evil.example').includes(
      'LINK_TEXT_MISMATCH',
    ),
  );
});
