import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeReport } from '../../../src/phishing/analyze/index.js';
import { h, reportOf } from './report-of.js';

const iocsOf = (text: string, html = '', opts = {}) =>
  analyzeReport(reportOf({ text, html, from: null }), opts).iocs;

const URLS: Array<[string, string[]]> = [
  ['Go to https://evil.example/login.', ['https://evil.example/login']],
  ['(see https://evil.example/a)', ['https://evil.example/a']],
  ['"https://evil.example/q?x=1",', ['https://evil.example/q?x=1']],
  ['hxxps://evil[.]example/p!', ['https://evil.example/p']],
  // .zip is a TLD and a file extension: a bare name counts with www. or a path (issue 12).
  ['visit www.evil.zip now', ['http://www.evil.zip/']],
  ['visit evil.zip/login now', ['http://evil.zip/login']],
  ['open invoice.zip now', []],
  [
    'http://[2001:db8::1]/x and http://203.0.113.9:8080/y',
    ['http://[2001:db8::1]/x', 'http://203.0.113.9:8080/y'],
  ],
  ['https://EVIL.Example/Path#frag', ['https://evil.example/Path']],
  ['no links here: version 1.2.3 and file.txt', []],
];

for (const [text, want] of URLS) {
  test(`URLs in text: ${text}`, () => assert.deepEqual(iocsOf(text).urls, want));
}

test('HTML hrefs are URLs even when the visible text is not', () => {
  const html =
    '<a href="https://evil.example/x?a=1&amp;b=2">Click here</a> <a href="mailto:x@y.example">mail</a>';
  assert.deepEqual(iocsOf('', html).urls, ['https://evil.example/x?a=1&b=2']);
});

const DOMAINS: Array<[string, string[]]> = [
  ['https://x.attacker.github.io/a', ['attacker.github.io']],
  ['https://a.b.evil.co.uk/', ['evil.co.uk']],
  ['https://login.contoso.com.evil.example/', ['evil.example']],
  ['https://sites.google.com/view/x', ['google.com']],
];

for (const [text, want] of DOMAINS) {
  test(`registrable domain of ${text} is ${want.join()}`, () => assert.deepEqual(iocsOf(text).domains, want));
}

const IPS: Array<[string, string[]]> = [
  ['from 203.0.113.45.', ['203.0.113.45']],
  ['ip 203[.]0[.]113[.]46', ['203.0.113.46']],
  ['bad 256.1.1.1 and 1.2.3', []],
  ['leading zero 01.2.3.4', []],
  ['private 10.0.0.1, 192.168.1.1, 172.16.5.4, 127.0.0.1, 169.254.1.1', []],
  ['v6 2001:db8::1 and ::1 and fe80::1', ['2001:db8::1']],
  ['mapped ::ffff:198.51.100.7', ['::ffff:198.51.100.7']],
  ['time 10:12:41 is no address', []],
];

for (const [text, want] of IPS) {
  test(`IPs in text: ${text}`, () => assert.deepEqual(iocsOf(text).ips, want));
}

test('e-mail addresses come from address headers and the body, refanged, without trailing dots', () => {
  const r = reportOf({
    headers: [h('From', 'Boss <ceo@fabrikam.example>'), h('Reply-To', 'pay@evil.example')],
    text: 'write to billing[@]evil[.]example. or admin@contoso.com',
  });
  assert.deepEqual(analyzeReport(r, { ownDomains: ['contoso.com'] }).iocs.emails, [
    'ceo@fabrikam.example',
    'pay@evil.example',
    'billing@evil.example',
  ]);
});

test('allow-lists remove own and configured domains on dot boundaries and count what they removed', () => {
  const text =
    'https://intranet.contoso.com/x https://contoso.com.evil.example/ https://evilcontoso.com/ https://docs.partner.example/a 198.51.100.10 203.0.113.1';
  const iocs = iocsOf(text, '', {
    ownDomains: ['contoso.com'],
    allowDomains: ['partner.example'],
    allowIps: ['198.51.100.10'],
  });
  assert.deepEqual(iocs.urls, ['https://contoso.com.evil.example/', 'https://evilcontoso.com/']);
  assert.deepEqual(iocs.domains, ['evil.example', 'evilcontoso.com']);
  assert.deepEqual(iocs.ips, ['203.0.113.1']);
  assert.equal(iocs.allowListed, 3);
});

test('attachments carry name, type, size, MD5, SHA-1 and SHA-256', () => {
  const bytes = new Uint8Array(Buffer.from('abc'));
  const r = reportOf({ attachments: [{ name: 'a.txt', contentType: 'text/plain', size: 3, bytes }] });
  assert.deepEqual(analyzeReport(r).iocs.attachments, [
    {
      name: 'a.txt',
      contentType: 'text/plain',
      size: 3,
      md5: '900150983cd24fb0d6963f7d28e17f72',
      sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d',
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    },
  ]);
});

test('sender IPs come from Received from-clauses, not from Microsoft relay hops', () => {
  const r = reportOf({
    headers: [
      h(
        'Received',
        'from AM0P.eurprd01.prod.outlook.com (2603:10a6:208:1::10) by DB9P.outlook.com with HTTPS; Tue, 3 Nov 2026 09:12:44 +0000',
      ),
      h(
        'Received',
        'from mail.evil.example (203.0.113.45) by AM0P.mail.protection.outlook.com (10.167.16.101); Tue, 3 Nov 2026 09:12:43 +0000',
      ),
      h('X-Originating-IP', '[198.51.100.77]'),
    ],
  });
  assert.deepEqual(analyzeReport(r).iocs.ips, ['203.0.113.45', '198.51.100.77']);
});
