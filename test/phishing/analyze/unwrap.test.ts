// Rewritten links unwrapped offline: each rewriter's format with links built here from its published
// shape, links wrapped twice, damaged encodings, targets that are not http(s), overlong links, and the
// indicators of a message whose links are rewritten. Every decoder is timed on 1 MB of hostile links.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeReport } from '../../../src/phishing/analyze/index.js';
import {
  destinationOf,
  expandWrapped,
  MAX_UNWRAP_DEPTH,
  rewriterOf,
  unwrapUrl,
} from '../../../src/phishing/analyze/unwrap/index.js';
import { assertLinear } from '../../helpers/linear-time.js';
import { reportOf } from './report-of.js';

const enc = encodeURIComponent;
const safeLinks = (target: string, region = 'nam12') =>
  `https://${region}.safelinks.protection.outlook.com/?url=${enc(target)}&data=05%7C02%7Cuser%40contoso.com%7C0%7C&sdata=c2lnbmF0dXJl%3D&reserved=0`;

/** Proofpoint v2's encoding: `/` → `_`, every other character but letters, digits and `.` → `-XX`. */
const v2 = (target: string) => {
  let out = '';
  for (const byte of Buffer.from(target, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (c === '/') out += '_';
    else if (/[A-Za-z0-9.]/.test(c)) out += c;
    else out += `-${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `https://urldefense.proofpoint.com/v2/url?u=${out}&d=DwMFaQ&c=abc&r=def&m=ghi&s=jkl&e=`;
};
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

interface Case {
  name: string;
  link: string;
  want: string | null;
}

const FAMILIES: Case[] = [
  // Microsoft Defender Safe Links
  {
    name: 'Safe Links',
    link: safeLinks('https://www.fabrikam.example/a?b=1&c=2'),
    want: 'https://www.fabrikam.example/a?b=1&c=2',
  },
  {
    name: 'Safe Links, another region',
    link: safeLinks('http://fabrikam.example/', 'eur03'),
    want: 'http://fabrikam.example/',
  },
  {
    name: 'Safe Links, US government cloud',
    link: `https://gcc02.safelinks.protection.office365.us/?url=${enc('https://fabrikam.example/x')}&data=1`,
    want: 'https://fabrikam.example/x',
  },
  {
    name: 'Safe Links, url parameter after others',
    link: `https://nam04.safelinks.protection.outlook.com/?data=05%7C01&url=${enc('https://fabrikam.example/')}`,
    want: 'https://fabrikam.example/',
  },
  {
    name: 'Safe Links, Office path form',
    link: `https://nam04.safelinks.protection.outlook.com/ap/w-59584e83/?url=${enc('https://fabrikam.example/d')}&data=1`,
    want: 'https://fabrikam.example/d',
  },
  {
    name: 'Safe Links without a url parameter',
    link: 'https://nam12.safelinks.protection.outlook.com/?data=05%7C01&reserved=0',
    want: null,
  },
  {
    name: 'Safe Links with an empty url parameter',
    link: 'https://nam12.safelinks.protection.outlook.com/?url=&data=1',
    want: null,
  },
  { name: 'Safe Links to javascript:', link: safeLinks('javascript:alert(document.domain)'), want: null },
  { name: 'Safe Links to data:', link: safeLinks('data:text/html;base64,PHNjcmlwdD4='), want: null },
  { name: 'Safe Links to a relative path', link: safeLinks('/owa/redir'), want: null },
  { name: 'Safe Links to ftp:', link: safeLinks('ftp://files.fabrikam.example/'), want: null },
  {
    name: 'Safe Links with a broken percent sequence keeps the rest',
    link: 'https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Ffabrikam.example%2F%ZZ%E2%82&data=1',
    want: 'https://fabrikam.example/%ZZ%EF%BF%BD',
  },
  {
    name: 'a look-alike of the Safe Links host is not Safe Links',
    link: `https://safelinks.protection.outlook.com.evil.example/?url=${enc('https://fabrikam.example/')}`,
    want: null,
  },
  // Proofpoint URL Defense
  {
    name: 'Proofpoint v1',
    link: `https://urldefense.proofpoint.com/v1/url?u=${enc('http://www.fabrikam.example/a?b=c')}&k=abc%0A&r=x&m=y&s=z`,
    want: 'http://www.fabrikam.example/a?b=c',
  },
  {
    name: 'Proofpoint v2',
    link: v2('https://www.fabrikam.example/path_to/file-name.html?q=1&r=2'),
    want: 'https://www.fabrikam.example/path_to/file-name.html?q=1&r=2',
  },
  {
    name: 'Proofpoint v2 on urldefense.us',
    link: v2('https://fabrikam.example/').replace('urldefense.proofpoint.com', 'urldefense.us'),
    want: 'https://fabrikam.example/',
  },
  {
    name: 'Proofpoint v2 without u',
    link: 'https://urldefense.proofpoint.com/v2/url?d=DwMF&c=x',
    want: null,
  },
  {
    name: 'Proofpoint v2 with a damaged encoding',
    link: 'https://urldefense.proofpoint.com/v2/url?u=https-3A__fabrikam.example_-ZZ&d=1',
    want: 'https://fabrikam.example/%ZZ',
  },
  {
    name: 'Proofpoint v3 without replaced characters',
    link: 'https://urldefense.com/v3/__https://www.fabrikam.example/a/b__;!!AbCdEf!ghIj$',
    want: 'https://www.fabrikam.example/a/b',
  },
  {
    name: 'Proofpoint v3 with one replaced character',
    link: `https://urldefense.com/v3/__https://fabrikam.example/p*x=1__;${b64('?')}!!sig$`,
    want: 'https://fabrikam.example/p?x=1',
  },
  {
    name: 'Proofpoint v3 with a run of four',
    link: `https://urldefense.com/v3/__https://fabrikam.example/**C__;${b64('a$%b')}!!sig$`,
    want: 'https://fabrikam.example/a$%b',
  },
  {
    name: 'Proofpoint v3 with single and run replacements',
    link: `https://urldefense.com/v3/__https://fabrikam.example/*a**Ab__;${b64('#@@')}!!s$`,
    want: 'https://fabrikam.example/#a@@b',
  },
  {
    name: 'Proofpoint v3 counts characters, not bytes',
    link: `https://urldefense.com/v3/__https://fabrikam.example/*x__;${b64('é')}!!s$`,
    want: 'https://fabrikam.example/%C3%A9x',
  },
  {
    name: 'Proofpoint v3 with a collapsed double slash',
    link: 'https://urldefense.com/v3/__https:/fabrikam.example/a__;!!s$',
    want: 'https://fabrikam.example/a',
  },
  {
    name: 'Proofpoint v3 with more placeholders than characters',
    link: `https://urldefense.com/v3/__https://fabrikam.example/***__;${b64('ab')}!!s$`,
    want: null,
  },
  {
    name: 'Proofpoint v3 with an unknown run code',
    link: `https://urldefense.com/v3/__https://fabrikam.example/**!__;${b64('abc')}!!s$`,
    want: null,
  },
  {
    name: 'Proofpoint v3 without its end marker',
    link: 'https://urldefense.com/v3/__https://fabrikam.example/a',
    want: null,
  },
  {
    name: 'Proofpoint v3 to javascript:',
    link: 'https://urldefense.com/v3/__javascript:alert(1)__;!!s$',
    want: null,
  },
  {
    name: 'Proofpoint, unknown version',
    link: 'https://urldefense.com/v9/url?u=https-3A__fabrikam.example',
    want: null,
  },
  // Google
  {
    name: 'Google redirect q',
    link: `https://www.google.com/url?q=${enc('https://fabrikam.example/x')}&sa=D&usg=AOv`,
    want: 'https://fabrikam.example/x',
  },
  {
    name: 'Google redirect url',
    link: `https://www.google.com/url?sa=t&url=${enc('http://fabrikam.example/')}&usg=A`,
    want: 'http://fabrikam.example/',
  },
  {
    name: 'Google redirect with percent-encoded letters',
    link: 'https://www.google.de/url?q=h%74%74ps%3A%2F%2Ff%61brikam.example%2F',
    want: 'https://fabrikam.example/',
  },
  {
    name: 'Google redirect on google.com without www',
    link: `https://google.com/url?q=${enc('https://fabrikam.example/')}`,
    want: 'https://fabrikam.example/',
  },
  { name: 'Google redirect whose q is a search', link: 'https://www.google.com/url?q=fabrikam', want: null },
  {
    name: 'a google-named site is not Google',
    link: `https://www.google.evil.example/url?q=${enc('https://fabrikam.example/')}`,
    want: null,
  },
  {
    name: 'a Google subdomain other than www is not the redirect',
    link: `https://docs.google.com/url?q=${enc('https://fabrikam.example/')}`,
    want: null,
  },
  {
    name: 'Google AMP over https',
    link: 'https://www.google.com/amp/s/fabrikam.example/news/a.html?x=1',
    want: 'https://fabrikam.example/news/a.html?x=1',
  },
  {
    name: 'Google AMP over http',
    link: 'https://www.google.co.uk/amp/fabrikam.example/a',
    want: 'http://fabrikam.example/a',
  },
  { name: 'Google AMP without a host', link: 'https://www.google.com/amp/s/', want: null },
  { name: 'Google AMP with a one-label host', link: 'https://www.google.com/amp/s', want: null },
  {
    name: 'a target with an IPv6 host',
    link: safeLinks('http://[2001:db8::1]/x'),
    want: 'http://[2001:db8::1]/x',
  },
  // AWS SES click tracking
  {
    name: 'AWS SES',
    link: 'https://a1b2c3d4.r.us-east-1.awstrack.me/L0/https:%2F%2Ffabrikam.example%2Foffer%3Fid=7/1/010001abcdef-12345678/AbC=123',
    want: 'https://fabrikam.example/offer?id=7',
  },
  {
    name: 'AWS SES, CL0 form',
    link: 'https://x.r.eu-west-1.awstrack.me/CL0/https:%2F%2Ffabrikam.example%2F/1/0100/abc=',
    want: 'https://fabrikam.example/',
  },
  { name: 'AWS SES open pixel', link: 'https://x.r.us-east-1.awstrack.me/I0/0100abc/def', want: null },
  // Gateways
  {
    name: 'Mimecast is recognised but not decoded',
    link: 'https://protect-eu.mimecast.com/s/AbCdEfGhIj?domain=fabrikam.example',
    want: null,
  },
  {
    name: 'Barracuda',
    link: `https://linkprotect.cudasvc.com/url?a=${enc('https://fabrikam.example/a b')}&c=E,1,Zx,,&typo=1`,
    want: 'https://fabrikam.example/a%20b',
  },
  {
    name: 'Barracuda with lower-case escapes',
    link: 'https://linkprotect.cudasvc.com/url?a=https%3a%2f%2ffabrikam.example%2f&c=E,1,x&typo=1',
    want: 'https://fabrikam.example/',
  },
  {
    name: 'Cisco Secure Email',
    link: `https://secure-web.cisco.com/1AbC-dE_fGh/${enc('https://fabrikam.example/x?y=1')}`,
    want: 'https://fabrikam.example/x?y=1',
  },
  { name: 'Cisco Secure Email without a target', link: 'https://secure-web.cisco.com/1AbCdEf', want: null },
  {
    name: 'Trend Micro',
    link: `https://ddec1-0-en-ctp.trendmicro.com:443/wis/clicktime/v1/query?url=${enc('https://fabrikam.example/')}&umid=1-2&auth=ab-cd`,
    want: 'https://fabrikam.example/',
  },
  {
    name: 'Symantec click-time',
    link: `https://clicktime.symantec.com/3AbCdEf7Vc?u=${enc('http://fabrikam.example/a')}`,
    want: 'http://fabrikam.example/a',
  },
  { name: 'Symantec encrypted form', link: 'https://clicktime.symantec.com/a/1/AbCd=?d=xyz&u=', want: null },
  // Social and open redirects
  {
    name: 'Facebook link shim',
    link: `https://l.facebook.com/l.php?u=${enc('https://fabrikam.example/')}&h=AT0abc`,
    want: 'https://fabrikam.example/',
  },
  {
    name: 'LinkedIn redirect',
    link: `https://www.linkedin.com/redir/redirect?url=${enc('https://fabrikam.example/')}&urlhash=Ab_1`,
    want: 'https://fabrikam.example/',
  },
  {
    name: 'YouTube redirect',
    link: `https://www.youtube.com/redirect?event=video&q=${enc('https://fabrikam.example/')}`,
    want: 'https://fabrikam.example/',
  },
  {
    name: 'an unknown site with a URL parameter is not guessed at',
    link: `https://shop.example/login?next=${enc('https://fabrikam.example/')}`,
    want: null,
  },
  { name: 'a plain link', link: 'https://fabrikam.example/a?url=https%3A%2F%2Fother.example', want: null },
  { name: 'not a URL', link: 'safelinks.protection.outlook.com/?url=x', want: null },
];

for (const c of FAMILIES) test(`unwraps: ${c.name}`, () => assert.equal(unwrapUrl(c.link), c.want));

test('a link wrapped twice (Safe Links around URL Defense) is unwrapped to the end', () => {
  const inner = `https://urldefense.com/v3/__https://fabrikam.example/p*x__;${b64('?')}!!s$`;
  assert.equal(unwrapUrl(safeLinks(inner)), 'https://fabrikam.example/p?x');
  assert.equal(unwrapUrl(safeLinks(v2('https://fabrikam.example/'))), 'https://fabrikam.example/');
});

test('unwrapping stops after a few layers', () => {
  let link = 'https://fabrikam.example/end';
  for (let i = 0; i < MAX_UNWRAP_DEPTH + 3; i++) link = safeLinks(link);
  const got = unwrapUrl(link);
  assert.ok(got !== null && rewriterOf(got) === 'safelinks', 'stops at a wrapper, bounded');
});

test('a link over 64 KB is recognised as a wrapper but not decoded', () => {
  const long = safeLinks(`https://fabrikam.example/${'a'.repeat(70 * 1024)}`);
  assert.equal(rewriterOf(long), 'safelinks');
  assert.equal(unwrapUrl(long), null);
  assert.equal(
    unwrapUrl(long, { maxLength: Number.POSITIVE_INFINITY })?.startsWith('https://fabrikam.example/'),
    true,
  );
});

test('rewriterOf names the family, also of links it cannot decode', () => {
  assert.equal(rewriterOf('https://protect-us.mimecast.com/s/abc'), 'mimecast');
  assert.equal(rewriterOf('https://url.uk.m.mimecastprotect.com/s/abc'), 'mimecast');
  assert.equal(rewriterOf('https://nam12.safelinks.protection.outlook.com/?data=1'), 'safelinks');
  assert.equal(rewriterOf('https://urldefense.com/v3/__x'), 'proofpoint');
  assert.equal(rewriterOf('https://www.mimecast.com/s/abc'), null);
  assert.equal(rewriterOf('https://fabrikam.example/'), null);
  assert.equal(rewriterOf('not a url'), null);
});

test('destinationOf: the target, the link itself when not rewritten, null when it cannot be read', () => {
  assert.equal(destinationOf(safeLinks('https://fabrikam.example/')), 'https://fabrikam.example/');
  assert.equal(destinationOf('https://fabrikam.example/x'), 'https://fabrikam.example/x');
  assert.equal(destinationOf('https://protect-eu.mimecast.com/s/abc'), null);
  assert.equal(destinationOf(safeLinks('https://protect-eu.mimecast.com/s/abc')), null);
  assert.equal(destinationOf('https://nam12.safelinks.protection.outlook.com/?data=1'), null);
});

test('expandWrapped keeps each wrapper, adds its targets after it, and lists every URL once', () => {
  const wrapped = safeLinks(v2('https://fabrikam.example/'));
  const inner = v2('https://fabrikam.example/');
  const got = expandWrapped([wrapped, 'https://fabrikam.example/', 'https://protect-eu.mimecast.com/s/x']);
  assert.deepEqual(got, [
    { url: wrapped, rewriter: 'safelinks', target: 'https://fabrikam.example/' },
    { url: inner, rewriter: 'proofpoint', target: 'https://fabrikam.example/', wrappedBy: wrapped },
    { url: 'https://fabrikam.example/', wrappedBy: wrapped },
    { url: 'https://protect-eu.mimecast.com/s/x', rewriter: 'mimecast' },
  ]);
});

const iocsOf = (html: string, options = {}) => analyzeReport(reportOf({ html }), options).iocs;

test('indicators: a Safe Links link gives its target URL and domain, not outlook.com', () => {
  const link = safeLinks('https://login.fabrikam-secure.example/verify');
  const iocs = iocsOf(`<a href="${link}">Verify</a>`);
  assert.deepEqual(iocs.urls, [link, 'https://login.fabrikam-secure.example/verify']);
  assert.deepEqual(iocs.domains, ['fabrikam-secure.example']);
});

test('indicators: an undecodable Mimecast link stays a URL but mimecast.com is no domain', () => {
  const iocs = iocsOf('<a href="https://protect-eu.mimecast.com/s/AbCd?domain=x.example">x</a>');
  assert.deepEqual(iocs.urls, ['https://protect-eu.mimecast.com/s/AbCd?domain=x.example']);
  assert.deepEqual(iocs.domains, []);
});

test('indicators: a rewritten link to an allowed domain is allowed with it; one to elsewhere is not', () => {
  const own = safeLinks('https://intranet.contoso.com/hr');
  const other = safeLinks('https://evil.example/');
  const iocs = iocsOf(`<a href="${own}">HR</a> <a href="${other}">x</a>`, { ownDomains: ['contoso.com'] });
  assert.deepEqual(iocs.urls, [other, 'https://evil.example/']);
  assert.deepEqual(iocs.domains, ['evil.example']);
  assert.equal(iocs.allowListed, 2);
});

test('indicators: a target with an IP address host gives the IP', () => {
  const iocs = iocsOf(`<a href="${safeLinks('http://203.0.113.9/login')}">x</a>`);
  assert.deepEqual(iocs.ips, ['203.0.113.9']);
});

test('campaign fingerprint: the same target behind different wrappers is seen in both', () => {
  const a = analyzeReport(reportOf({ html: `<a href="${safeLinks('https://evil.example/p')}">x</a>` }));
  const b = analyzeReport(reportOf({ html: '<a href="https://evil.example/p">x</a>' }));
  assert.ok(a.iocs.urls.includes('https://evil.example/p') && b.iocs.urls.includes('https://evil.example/p'));
});

// Decoders timed without the 64 KB limit, so that the 1 MB link is really read.
const unlimited = (link: string) => unwrapUrl(link, { maxLength: Number.POSITIVE_INFINITY });

test('unwrapping: linear on 1 MB hostile links of every family', async () => {
  const families: Array<[string, string[], string]> = [
    [
      'https://a.safelinks.protection.outlook.com/?url=',
      ['%', '%4', '%41', '%E2%82', 'https%3A%2F%2F', '&', '&url=', 'a'],
      '',
    ],
    [
      'https://a.safelinks.protection.outlook.com/?url=https%3A%2F%2Fa.example%2F',
      ['%', '%%', 'a'],
      '&data=1',
    ],
    ['https://urldefense.proofpoint.com/v1/url?u=', ['%', '%2', 'http://'], '&k=1'],
    [
      'https://urldefense.proofpoint.com/v2/url?u=https-3A__a.example_',
      ['-', '-3', '_', '-3A__', '-ZZ'],
      '&d=1',
    ],
    [
      'https://urldefense.com/v3/__https://a.example/',
      ['*', '**', '**A', '_', '__', '!', '*a'],
      `__;${'QUJD'.repeat(1000)}!!s$`,
    ],
    ['https://urldefense.com/v3/__https://a.example/', ['a', '__'], '__;!!s$'],
    ['https://urldefense.com/v3/__https://a.example/a__;', ['QUJD', '!', '*'], ''],
    ['https://www.google.com/url?q=', ['%', 'http%3A%2F%2F', 'q=', '&q='], ''],
    ['https://www.google.com/amp/s/', ['a', '/amp/s/', '.', '%'], ''],
    ['https://x.r.us-east-1.awstrack.me/L0/https:%2F%2F', ['%2F', 'a', '%'], '/1/0100/x='],
    ['https://linkprotect.cudasvc.com/url?a=', ['%', 'https%3a%2f%2f'], '&c=E'],
    ['https://secure-web.cisco.com/tok/', ['%', '/', 'https%3A%2F%2F'], ''],
    ['https://a.trendmicro.com/wis/clicktime/v1/query?url=', ['%', '&url='], '&umid=1'],
    ['https://clicktime.symantec.com/3a?u=', ['%', 'u='], ''],
    ['https://l.facebook.com/l.php?u=', ['%', '&'], ''],
    [
      'https://a.safelinks.protection.outlook.com/?url=https://a.safelinks.protection.outlook.com/?url=',
      ['a', 'https://'],
      '',
    ],
  ];
  for (const [head, units, tail] of families)
    await assertLinear(`unwrapUrl(${head})`, unlimited, units, { head, tail });
});

test('unwrapping: linear on links wrapped in themselves', async () => {
  await assertLinear('unwrapUrl', unlimited, [
    'https://a.safelinks.protection.outlook.com/?url=',
    'https://www.google.com/amp/s/',
  ]);
  await assertLinear('rewriterOf', rewriterOf, ['a', '%', '.'], {
    head: 'https://nam12.safelinks.protection.outlook.com/?url=',
  });
});

test('indicators of a body full of rewritten links: linear', async () => {
  const link = safeLinks('https://fabrikam.example/a');
  await assertLinear('analyzeReport', (text) => analyzeReport(reportOf({ text })), [
    `${link} `,
    `${v2('https://a.example/')} `,
  ]);
  await assertLinear('analyzeReport', (html) => analyzeReport(reportOf({ html })), [
    `<a href="${link}">https://fabrikam.example/</a>`,
  ]);
});

test('copies of one campaign behind per-message SES tracking links share their URL fingerprint', async () => {
  const { analyzeReport } = await import('../../../src/phishing/analyze/index.js');
  const { reportOf } = await import('./report-of.js');
  const wrapped = (token: string) =>
    `https://a1b2.r.us-east-1.awstrack.me/L0/https:%2F%2Fevil.example%2Flogin/1/${token}/AbCd=123`;
  const fp = (token: string) =>
    analyzeReport(reportOf({ html: `<a href="${wrapped(token)}">Sign in</a>` })).campaign.urlFingerprint;
  assert.ok(fp('0100018a-aaaa-000000'));
  assert.equal(fp('0100018a-aaaa-000000'), fp('0100018a-bbbb-000000'));
});
