// The links of HTML bodies and attachments, and which hosts written without a scheme count as URLs
// (issue 12: "Links are missed", "Links are invented"). Every fixture is synthetic.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeReport } from '../../../src/phishing/analyze/index.js';
import { refreshTarget } from '../../../src/phishing/analyze/html/meta-refresh.js';
import { documentBase, resolveHref } from '../../../src/phishing/analyze/html/resolve-href.js';
import { scriptUrls } from '../../../src/phishing/analyze/html/script-urls.js';
import { htmlLinks, messageLinks, urlsInHtml, urlsInText } from '../../../src/phishing/analyze/urls.js';
import type { ReportAttachment } from '../../../src/phishing/parse/index.js';
import { htmlToText } from '../../../src/phishing/parse/html-text.js';
import { reportOf } from './report-of.js';

const links = (html: string) => htmlLinks(html).map((l) => [l.kind, l.href, l.text]);

const LINKS: Array<[string, string, Array<[string, string, string]>]> = [
  [
    'an unclosed <a> does not swallow the next link',
    '<a href="https://one.example/">first <a href="https://two.example/">second</a> after',
    [
      ['a', 'https://one.example/', 'first'],
      ['a', 'https://two.example/', 'second'],
    ],
  ],
  [
    'an Outlook VML button inside a conditional comment',
    '<!--[if mso]><v:roundrect xmlns:v="urn:schemas-microsoft-com:vml" href="https://vml.example/go" ' +
      'arcsize="10%"><w:anchorlock/><center>Review document</center></v:roundrect><![endif]-->' +
      '<!--[if !mso]><!--><a href="https://html.example/go">Review document</a><!--<![endif]-->',
    [
      ['vml', 'https://vml.example/go', 'Review document'],
      ['a', 'https://html.example/go', 'Review document'],
    ],
  ],
  [
    'other VML shapes with href, nested',
    '<v:group><v:rect href="https://rect.example/"><v:oval href="https://oval.example/">O</v:oval>R</v:rect></v:group>',
    [
      ['vml', 'https://rect.example/', 'OR'],
      ['vml', 'https://oval.example/', 'O'],
    ],
  ],
  [
    'image map areas, with their alt text',
    '<img usemap="#m"><map name="m"><area shape="rect" coords="0,0,9,9" href="https://area.example/x" alt="bank.example"></map>',
    [['area', 'https://area.example/x', 'bank.example']],
  ],
  [
    'relative links resolved against <base href>, the first base only',
    '<head><base href="https://base.example/dir/"><base href="https://second.example/"></head>' +
      '<a href="login?u=1">Sign in</a><a href="/root">root</a><a href="#top">top</a>',
    [
      ['a', 'https://base.example/dir/login?u=1', 'Sign in'],
      ['a', 'https://base.example/root', 'root'],
      ['a', '#top', 'top'],
    ],
  ],
  [
    'a protocol-relative href is https, and so is a protocol-relative base',
    '<base href="//cdn.example/p/"><a href="//evil.example/x">x</a><a href="y">y</a>',
    [
      ['a', 'https://evil.example/x', 'x'],
      ['a', 'https://cdn.example/p/y', 'y'],
    ],
  ],
  [
    'a form action',
    '<form method="post" action="https://collect.example/post.php"><input name="pw"><button>Log in</button></form><form action="">x</form>',
    [['form', 'https://collect.example/post.php', '']],
  ],
  [
    'a meta refresh, quoted or not',
    '<meta http-equiv="Refresh" content="0; URL=\'https://refresh.example/a\'"><meta http-equiv=refresh content="5;url=https://refresh.example/b">',
    [
      ['refresh', 'https://refresh.example/a', ''],
      ['refresh', 'https://refresh.example/b', ''],
    ],
  ],
  [
    'entities in the href and the text',
    '<a href="https://ent.example/?a=1&amp;b=2&#38;c=&#x33;">Caf&eacute;&nbsp;&amp;&#32;bar</a>',
    [['a', 'https://ent.example/?a=1&b=2&c=3', 'Café & bar']],
  ],
  [
    'upper-case tags and attributes',
    '<A HREF="https://upper.example/"><B>Shout</B></A><AREA HREF="https://area.example/" ALT="A">',
    [
      ['a', 'https://upper.example/', 'Shout'],
      ['area', 'https://area.example/', 'A'],
    ],
  ],
  [
    'attributes without quotes, and the first of a repeated one',
    '<a class=x href=https://bare.example/p?q=1 href=https://second.example/>bare</a>',
    [['a', 'https://bare.example/p?q=1', 'bare']],
  ],
  [
    'broken markup: stray closes, unclosed elements, a tag cut off at the end',
    '</a></div><a href="https://broken.example/"><b><i>text</a></span><p><a href="https://late.example/',
    [['a', 'https://broken.example/', 'text']],
  ],
  [
    'a commented-out link is not shown, and not a link',
    '<!-- <a href="https://hidden.example/">x</a> --><a href="https://shown.example/">y</a>',
    [['a', 'https://shown.example/', 'y']],
  ],
  [
    'script targets: location, location.href, replace, assign, window.open',
    '<script>if (1) { window.location.href = "https://s1.example/a"; } location.replace(\'https://s2.example/b\');' +
      ' document.location = `//s3.example/c`; window.open("https://s4.example/d", "_blank"); var u = "https://not.example/";' +
      ' location.assign(u); if (location == "https://cmp.example/") {}</script>',
    [
      ['script', 'https://s1.example/a', ''],
      ['script', 'https://s2.example/b', ''],
      ['script', 'https://s3.example/c', ''],
      ['script', 'https://s4.example/d', ''],
    ],
  ],
];

for (const [name, html, want] of LINKS)
  test(`HTML links: ${name}`, () => assert.deepEqual(links(html), want));

const svg = (body: string) =>
  `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">${body}</svg>`;
const attachment = (name: string, contentType: string, text: string): ReportAttachment => {
  const bytes = new TextEncoder().encode(text);
  return { name, contentType, size: bytes.byteLength, bytes };
};

test('an HTML attachment: its links and form actions are the message URLs and feed the link-text rule', () => {
  const html =
    '<html><body><form action="https://harvest.example/login.php"><input type=password></form>' +
    '<a href="https://harvest.example/reset">https://www.examplebank.com/reset</a></body></html>';
  const report = reportOf({
    attachments: [attachment('Invoice 2291.HTM', 'application/octet-stream', html)],
  });
  const a = analyzeReport(report);
  assert.deepEqual(a.iocs.urls, [
    'https://harvest.example/login.php',
    'https://harvest.example/reset',
    'https://www.examplebank.com/reset',
  ]);
  assert.ok(a.iocs.domains.includes('harvest.example'));
  assert.ok(a.verdict.reasons.some((r) => r.code === 'LINK_TEXT_MISMATCH'));
});

test('an SVG attachment: xlink:href, its script redirect, found by content type too', () => {
  const body = svg(
    '<a xlink:href="https://svg.example/a"><text>Open</text></a>' +
      '<script><![CDATA[ window.location.href = "https://svg.example/redirect#x"; ]]></script>',
  );
  const byName = messageLinks({
    html: '',
    attachments: [attachment('scan.svg', 'application/octet-stream', body)],
  });
  const byType = messageLinks({
    html: '',
    attachments: [attachment('scan', 'image/svg+xml; charset=utf-8', body)],
  });
  const want = [
    ['a', 'https://svg.example/a', 'Open'],
    ['script', 'https://svg.example/redirect#x', ''],
  ];
  assert.deepEqual(
    byName.map((l) => [l.kind, l.href, l.text]),
    want,
  );
  assert.deepEqual(byType, byName);
  const urls = analyzeReport(reportOf({ attachments: [attachment('scan.svg', 'image/svg+xml', body)] })).iocs
    .urls;
  assert.deepEqual(urls, ['https://svg.example/a', 'https://svg.example/redirect']);
});

test('an HTML attachment in UTF-16 with a byte-order mark is read', () => {
  const text = '<a href="https://wide.example/">w</a>';
  const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
  const a: ReportAttachment = { name: 'a.html', contentType: 'text/html', size: bytes.byteLength, bytes };
  assert.deepEqual(
    messageLinks({ html: '', attachments: [a] }).map((l) => l.href),
    ['https://wide.example/'],
  );
});

test('other attachments are not read as HTML', () => {
  const a = attachment('notes.txt', 'text/plain', '<a href="https://txt.example/">x</a>');
  assert.deepEqual(messageLinks({ html: '', attachments: [a] }), []);
});

test('URLs in HTML: hrefs, the visible text, and URLs with a scheme in scripts and style sheets', () => {
  const html =
    '<style>body{background:url(https://img.example/bg.png)} /* Outlook.com fix */</style>' +
    '<p>Visit www.visible-shop.com today</p><a href="https://href.example/">x</a>' +
    '<style>hidden <a href="https://in-style.example/p">unclosed style</a>';
  assert.deepEqual(urlsInHtml(html), [
    'https://href.example/',
    'http://www.visible-shop.com/',
    'https://img.example/bg.png',
    'https://in-style.example/p',
  ]);
});

test('visible text: scripts, styles and title dropped, blocks on lines of their own, cells apart', () => {
  const html =
    '<html><head><title>T</title><style>p{}</style></head><body><script>var x=1</script>' +
    '<div><b>From:</b> A &lt;a@x.example&gt;</div><div><b>Subject:</b>  Hi\n  there</div>' +
    '<table><tr><td>one</td><td>two</td></tr></table>line<br>break<pre>  keep\n  this</pre></body></html>';
  assert.equal(
    htmlToText(html),
    'From: A <a@x.example>\nSubject: Hi there\none two\nline\nbreak\n  keep\n  this',
  );
});

test('visible text: words split by inline tags stay whole, and a glued www. is cut from the word before', () => {
  assert.equal(htmlToText('https://login.<span>bank</span>.example/x'), 'https://login.bank.example/x');
  assert.deepEqual(urlsInText(htmlToText('<p>Billets achetés sur<b>www.rail-tickets.example.ma</b></p>')), [
    'http://www.rail-tickets.example.ma/',
  ]);
});

const TEXT: Array<[string, string[]]> = [
  ['Unusual sign.in activity', []],
  ['We detected something unusual about a recent sign.in to your account', []],
  ['Tickets bought surwww.oncf-voyages.ma Votre', ['http://www.oncf-voyages.ma/']],
  ['the new module: detector.sv and x4xx.sv, see setupenv.sh and libuhd.so', []],
  ['edit local.cf, run Makefile.PL and tokenizer.py', []],
  ['Open the attached invoice.zip', []],
  ['press the button below.As of Tuesday, your account.Do you agree', []],
  ['a tld only: gov.br', []],
  ['Go to www.example.com now', ['http://www.example.com/']],
  ['log in at evil-login.com/path today', ['http://evil-login.com/path']],
  ['see evil-login.com.', ['http://evil-login.com/']],
  ['(github.com)', ['http://github.com/']],
  ['Cc: Webappsec Securityfocus.Com', ['http://securityfocus.com/']],
  [
    'blogroll: WayneOlson.Com, maxjupiter.WebLogs.Com',
    ['http://wayneolson.com/', 'http://maxjupiter.weblogs.com/'],
  ],
  ['short link: lihi2.cc/aDMot, now', ['http://lihi2.cc/aDMot']],
  ['claim at freebitco.in/?r=1', ['http://freebitco.in/?r=1']],
  ['claim at www.freebitco.in', ['http://www.freebitco.in/']],
  ['not a domain: host.invalid and file.txt', []],
  ['glued: xevil-login.com', ['http://xevil-login.com/']],
  [
    'with a scheme nothing is second-guessed: http://sign.in/x https://a.sv',
    ['http://sign.in/x', 'https://a.sv/'],
  ],
];

for (const [text, want] of TEXT)
  test(`schemeless hosts: ${text}`, () => assert.deepEqual(urlsInText(text), want));

test('meta refresh content, as browsers read it', () => {
  const cases: Array<[string, string | null]> = [
    ['0;url=https://r.example/a', 'https://r.example/a'],
    ['  3 ,  URL = "https://r.example/b" ', 'https://r.example/b'],
    ["0; url='https://r.example/c", 'https://r.example/c'],
    ['0; https://r.example/d', 'https://r.example/d'],
    ['0.5;urlx', 'urlx'],
    ['5', null],
    ['', null],
  ];
  for (const [content, want] of cases) assert.equal(refreshTarget(content), want, content);
});

test('href resolution: schemes kept, an unusable base ignored', () => {
  const base = documentBase('https://b.example/d/');
  assert.equal(resolveHref(' javascript:void(0) ', base), 'javascript:void(0)');
  assert.equal(resolveHref('mailto:x@y.example', base), 'mailto:x@y.example');
  assert.equal(resolveHref('../up', base), 'https://b.example/up');
  assert.equal(documentBase('javascript:alert(1)'), null);
  assert.equal(documentBase('not a url'), null);
  assert.equal(resolveHref('rel', documentBase('::')), 'rel');
});

test('script URLs: comparisons, variables and unclosed literals give none', () => {
  assert.deepEqual(scriptUrls('if (location == "https://a.example/") x(); location = y;'), []);
  assert.deepEqual(scriptUrls('window.open(u); location.href = "https://b.example/'), []);
  assert.deepEqual(scriptUrls("location='javascript:x'; open('https://c.example/')"), ['https://c.example/']);
});
