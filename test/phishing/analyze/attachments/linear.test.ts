// Every attachment reader on 1 MB of each hostile shape, in time linear in its size: unclosed and
// nested PDF strings, endless dictionaries and streams, a compound file whose chains loop, a zip whose
// directory claims millions of entries or repeats one .rels part, relationship parts and RTF of
// endless unclosed constructs. Durations are compared between sizes (100 KB and 1 MB), never asserted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspectAttachment } from '../../../../src/phishing/analyze/attachments/index.js';
import { inspectOle } from '../../../../src/phishing/analyze/attachments/ole-office.js';
import { inspectPdf } from '../../../../src/phishing/analyze/attachments/pdf-links.js';
import { passwordCandidates } from '../../../../src/phishing/analyze/attachments/passwords.js';
import { javascriptUrls } from '../../../../src/phishing/analyze/attachments/pdf-javascript.js';
import { readRelationships } from '../../../../src/phishing/analyze/attachments/rels.js';
import { inspectRtf } from '../../../../src/phishing/analyze/attachments/rtf.js';
import { assertLinear, HOSTILE, MAX_RATIO, timeBySize } from '../../../helpers/linear-time.js';
import { hostileCfb, zipOfRepeatedRels, zipOfTinyEntries } from './build-hostile.js';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** assertLinear for inputs that are built as bytes rather than repeated text. */
async function assertLinearBytes(name: string, fn: (b: Buffer) => unknown, build: (bytes: number) => Buffer) {
  let t = await timeBySize(fn, build);
  for (let again = 0; again < 2 && t.ratio >= MAX_RATIO; again++) {
    const next = await timeBySize(fn, build);
    if (next.ratio < t.ratio) t = next;
  }
  assert.ok(
    t.ratio < MAX_RATIO,
    `${name}: ${t.smallMs.toFixed(1)} ms → ${t.largeMs.toFixed(1)} ms (×${t.ratio.toFixed(0)})`,
  );
}

test('PDF links: linear on unclosed and nested strings, names, dictionaries and streams', async () => {
  const units = [
    ...HOSTILE,
    '/URI (',
    '(',
    '((((',
    ')',
    '\\',
    '\\(',
    '\\1',
    '/URI <',
    '<',
    '<<',
    '>>',
    '/',
    '/#',
    '/J#61',
    '%',
    '/URI ',
    '/URI 1 0 R ',
    '1 0 obj (x) ',
    'stream\n',
    'endstream ',
    'stream\nendstream ',
    '<< /Length 1 >> stream\n',
    '/JS (app.launchURL("',
    '/S /URI /URI (http://a.example/) ',
    '/EmbeddedFile ',
  ];
  await assertLinear('inspectPdf', (s) => inspectPdf(latin1(s)), units, { head: '%PDF-1.7\n' });
  // Inside a stream's data, and inside an object stream whose header claims countless objects.
  await assertLinear('inspectPdf', (s) => inspectPdf(latin1(s)), ['/URI (', '(', '<', '1 0 '], {
    head: '%PDF-1.7\n1 0 obj << /Type /ObjStm /N 99999999 /First 999999 >>\nstream\n',
  });
});

test('PDF JavaScript URLs: linear on endless calls and unclosed literals', async () => {
  await assertLinear('javascriptUrls', javascriptUrls, [
    'launchURL("',
    'launchURL( ',
    "getURL('a",
    'submitForm(',
    '"',
  ]);
});

test('compound files: linear when every chain loops and every entry claims a huge stream', async () => {
  await assertLinearBytes('inspectOle', (b) => inspectOle(b), hostileCfb);
});

test('zips: linear on a directory of tens of thousands of tiny entries (the end record claiming 65,535) and on one .rels part listed thousands of times', async () => {
  const asAttachment = (b: Buffer) =>
    inspectAttachment({ name: 'a.docx', contentType: '', size: b.length, bytes: new Uint8Array(b) });
  await assertLinearBytes('inspectAttachment(zip)', asAttachment, zipOfTinyEntries);
  await assertLinearBytes('inspectAttachment(rels)', asAttachment, zipOfRepeatedRels);
});

test('relationship parts: linear on unclosed elements, attributes and quotes', async () => {
  const units = [
    '<Relationship ',
    '<Relationship',
    '<Relationship Type="',
    '<Relationship Target=x>',
    '<Relationship a="b" ',
    '<Relationship Target="https://a.example/" TargetMode="External"/>',
    '<Relationships>',
    '=',
    '="',
    '&amp',
    '&#',
  ];
  await assertLinear('readRelationships', readRelationships, units);
  await assertLinear('readRelationships', readRelationships, ['a="b" ', '=', "'", '&#1'], {
    head: '<Relationship ',
    tail: '/>',
  });
});

test('RTF: linear on endless objects, templates and hyperlink fields', async () => {
  const units = [
    '\\*\\template ',
    '\\*\\template',
    '\\object',
    '\\objdata',
    '\\objupdate',
    'HYPERLINK "',
    'HYPERLINK ',
    '{',
    '\\',
  ];
  await assertLinear('inspectRtf', (s) => inspectRtf(latin1(s)), units, { head: '{\\rtf1 ' });
});

test('password candidates: linear on endless keywords, colons and long words', async () => {
  const units = [...HOSTILE, 'password', 'password:', 'pw:', 'pwpw', 'senha: ', ':', 'password: a', 'pass '];
  await assertLinear('passwordCandidates', passwordCandidates, units);
});
