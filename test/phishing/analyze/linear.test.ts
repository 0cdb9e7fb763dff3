// Every function of analysis that reads mail text, on 1 MB of each hostile shape, in time linear in
// the input (issue 11: a 200 KB body of letters took 21 s in the e-mail pattern, 500 KB of
// `<a href=x ` 47 s in the link pattern). Durations are compared between sizes, never asserted.
import { test } from 'node:test';
import { analyzeReport } from '../../../src/phishing/analyze/index.js';
import { semicolonFields } from '../../../src/phishing/analyze/antispam.js';
import { attachmentRisk } from '../../../src/phishing/analyze/attachment-risk.js';
import { parseAuthHeader } from '../../../src/phishing/analyze/auth-header.js';
import { normaliseSubject, urlSetFingerprint } from '../../../src/phishing/analyze/campaign-key.js';
import { defang, defangProse } from '../../../src/phishing/analyze/defang.js';
import { emailsIn } from '../../../src/phishing/analyze/iocs.js';
import { ipsIn, parseReceived } from '../../../src/phishing/analyze/received.js';
import { refang } from '../../../src/phishing/analyze/refang.js';
import { decodeEntities, htmlLinks, urlsInHtml, urlsInText } from '../../../src/phishing/analyze/urls.js';
import { refreshTarget } from '../../../src/phishing/analyze/html/meta-refresh.js';
import { scriptUrls } from '../../../src/phishing/analyze/html/script-urls.js';
import { messageLinks } from '../../../src/phishing/analyze/urls.js';
import { lurePhrase } from '../../../src/phishing/analyze/signals/lure.js';
import { templateWords } from '../../../src/phishing/analyze/template/words.js';
import { templateSignature } from '../../../src/phishing/analyze/template/index.js';
import { assertLinear, HOSTILE } from '../../helpers/linear-time.js';
import { h, reportOf } from './report-of.js';

test('e-mail addresses: linear on every hostile shape', async () => {
  await assertLinear('emailsIn', emailsIn, HOSTILE);
  await assertLinear('emailsIn', emailsIn, [...HOSTILE, 'a-', 'a.a@', 'a@-', 'a@a.a', '%+', 'x@y.co '], {
    tail: '@',
  });
  await assertLinear('emailsIn', emailsIn, ['.', 'a.', '-a'], { head: 'x@', tail: '.c' });
});

test('links in HTML: linear on every hostile shape', async () => {
  const units = [...HOSTILE, '<a href=x>', '<a href=x></a ', '<A HREF=x>y</A  x', '<a>', 'href="x" '];
  await assertLinear('htmlLinks', htmlLinks, units);
  await assertLinear('htmlLinks', htmlLinks, ['href=', 'href= ', 'href="', ' ', '<b>', '</a '], {
    head: '<a ',
    tail: '>x</a>',
  });
  // The visible text goes on to linkify-it (below); here the shapes of tags.
  const tags = [
    '<',
    '<a',
    '<a ',
    '<a href=x ',
    '<a href="',
    '"',
    '<a><b>',
    '</',
    '<a href=x>',
    'a.co ',
    '&#',
  ];
  await assertLinear('urlsInHtml', urlsInHtml, tags);
});

test('every element that navigates, and HTML/SVG attachments: linear on every hostile shape', async () => {
  // Unclosed and nested elements (htmlparser2's own Parser is quadratic on 1 MB of `<b>`), endless
  // attributes, nested VML shapes, many <base>, conditional comments, refreshes and scripts.
  const shapes = [
    '<b>',
    '</x>',
    '<a href=x>',
    '<a href=https://a.example/>',
    '<v:roundrect href="https://a.example/">',
    '<v:r href=x><a href=y>',
    '</v:r>',
    '<base href="https://a.example/">',
    '<area href=x alt=y>',
    '<form action=x>',
    '<meta http-equiv=refresh content="0;url=https://a.example/">',
    '<!--[if mso]>',
    '<!--[if mso]><v:r href=x>',
    '<!--',
    '<![endif]-->',
    '<script>',
    '<style>',
    '<textarea>&amp;',
    '<pre>',
    '<td>',
    '&amp;',
    '&#x',
  ];
  await assertLinear('htmlLinks', htmlLinks, shapes);
  await assertLinear('htmlLinks', htmlLinks, ['a=b ', ' x', 'href=x ', 'x="', '&amp;', '/'], { head: '<a ' });
  await assertLinear('htmlLinks', htmlLinks, ['<v:r href=x>', 'text '], { head: '<!--[if mso]>' });
  await assertLinear('urlsInHtml', urlsInHtml, ['location="https://a.example/";', 'www.', 'a.co '], {
    head: '<style>',
  });
  const svg = (body: string) => {
    const bytes = new TextEncoder().encode(body);
    return messageLinks({
      html: '',
      attachments: [{ name: 'x.svg', contentType: 'image/svg+xml', size: bytes.byteLength, bytes }],
    });
  };
  await assertLinear(
    'messageLinks (SVG attachment)',
    svg,
    ['<a xlink:href=x>', '<svg>', '<script>location="'],
    {
      head: '<svg>',
    },
  );
  const script = [
    'location',
    'location=',
    'location.href = "',
    'open(',
    'open("https://a.example/")',
    ' ',
    '"',
    '`',
  ];
  await assertLinear('scriptUrls', scriptUrls, [...HOSTILE, ...script]);
  await assertLinear('scriptUrls', scriptUrls, ['x', ' '], { head: 'location="' });
  await assertLinear('refreshTarget', refreshTarget, ['0', ' ', ';', 'url=', '"', 'x']);
});

test('URLs in text, refanging and entities: linear on every hostile shape', async () => {
  const units = [...HOSTILE, 'www.', 'a.co/', '(a', ')', 'hxxps[:]//', '[dot]', '(at) ', '&amp'];
  // linkify-it (6.1.0) keeps to linear time; the shapes that reach its host, path and schema patterns.
  const links = [
    'a',
    'a.',
    '.',
    '-',
    ':',
    '(',
    '/',
    'http://',
    'www.',
    'a.co ',
    'a.co/',
    '[.]',
    '@',
    '"',
    '<',
  ];
  await assertLinear('urlsInText', urlsInText, links);
  await assertLinear('urlsInText', urlsInText, ['/', '(', 'a.', '?', '#'], { head: 'http://a.co/' });
  // Hosts without a scheme, each judged (schemelessUrl): prose, glued www., file names, capitals.
  await assertLinear('urlsInText', urlsInText, [
    'sign.in ',
    'surwww.a.ma ',
    'a.sv ',
    'a.As ',
    'www.a.com ',
    'a.com/x ',
  ]);
  await assertLinear('refang', refang, units);
  await assertLinear('decodeEntities', decodeEntities, [...units, '&#x', '&#1', '&amp;', '&a;']);
});

test('IP addresses and the Received chain: linear on every hostile shape', async () => {
  const units = [...HOSTILE, '1.2.3.', 'a:', '::', '[IPv6:', 'from ', 'by ', ';', '1.2.3.4 '];
  await assertLinear('ipsIn', ipsIn, units);
  await assertLinear('parseReceived', parseReceived, units, { head: 'from ' });
  await assertLinear('parseReceived', parseReceived, units, { head: 'from x by y; ' });
});

test('authentication and anti-spam headers: linear on every hostile shape', async () => {
  const units = [...HOSTILE, 'spf=', 'a=', '=', '; ', 'a-', ')', '(a', 'spf = '];
  await assertLinear('parseAuthHeader', parseAuthHeader, units);
  await assertLinear('parseAuthHeader (ARC)', (v) => parseAuthHeader(v, true), units, { head: 'i=1; ' });
  await assertLinear('semicolonFields', semicolonFields, [...units, 'A:', ':;']);
});

test('subjects, URL fingerprints, defanging and attachment names: linear on every hostile shape', async () => {
  const units = [...HOSTILE, 'RE: ', '[', '[x] ', '*', '/', '.,', 'a.co.'];
  await assertLinear('normaliseSubject', normaliseSubject, units);
  await assertLinear('defangProse', defangProse, [...units, '((', '..a', '"', '\'"']);
  await assertLinear('defangProse', defangProse, ['.', ')', '"'], { tail: 'x' });
  await assertLinear('defang', defang, units);
  await assertLinear('urlSetFingerprint', (u) => urlSetFingerprint([u]), ['/', 'a/', '//x'], {
    head: 'https://a.example/',
    tail: 'x',
  });
  await assertLinear('attachmentRisk', (n) => attachmentRisk(n, 'application/octet-stream'), [
    ...units,
    '.a ',
    '.exe',
  ]);
});

test('lure phrases and template signatures: linear on every hostile shape', async () => {
  const units = [...HOSTILE, 'verify your ', 'verify\u00a0 ', 'sua conta ', 'a\u200b', 'x1y2 '];
  await assertLinear('lurePhrase (subject)', (s) => lurePhrase(s, ''), units);
  await assertLinear('lurePhrase (text)', (s) => lurePhrase('', s), units);
  await assertLinear('templateWords', (s) => templateWords(s), units);
  await assertLinear(
    'templateSignature',
    (s) =>
      templateSignature({
        text: s,
        subject: s.slice(0, 5000),
        displayName: s.slice(0, 5000),
        sender: null,
        urls: [],
        recipient: { address: 'jane.doe@corp.example', name: 'Jane Doe' },
      }),
    units,
  );
});

test('analyzeReport over a whole message: linear in its body, headers and subject', async () => {
  const units = ['a', 'a.', '<a href=x ', '@', '.', '<', '<a><b>', '1.1.', ' ', '(', 'a.co '];
  await assertLinear('analyzeReport (text)', (text) => analyzeReport(reportOf({ text })), units);
  await assertLinear('analyzeReport (html)', (html) => analyzeReport(reportOf({ html })), units);
  await assertLinear(
    'analyzeReport (headers)',
    (v) =>
      analyzeReport(
        reportOf({
          subject: v,
          headers: [h('Received', v), h('Authentication-Results', v), h('From', v), h('X-Sender-IP', v)],
        }),
      ),
    units,
  );
});
