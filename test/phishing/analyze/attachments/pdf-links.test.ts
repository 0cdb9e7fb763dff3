// PDF links and actions from hand-written PDFs: plain, hex, escaped, compressed, in object streams, by
// reference, in JavaScript; and the broken or hostile files a phish may carry.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { inspectPdf } from '../../../../src/phishing/analyze/attachments/pdf-links.js';
import { buildPdf, catalogue, linkAnnot, objectStream, type PdfObject, page, pages } from './build-pdf.js';

const withLink = (action: string, extra: PdfObject[] = []) =>
  buildPdf([catalogue(), pages, page('4 0 R'), linkAnnot(action), ...extra]);

test('finds a /URI action in an uncompressed link annotation', () => {
  const f = inspectPdf(withLink('<< /S /URI /URI (https://login.example/verify) >>'));
  assert.deepEqual(f.urls, ['https://login.example/verify']);
  assert.equal(f.javascript || f.launch || f.openAction || f.encrypted, false);
});

test('decodes hex URI strings, with white space and an odd last digit', () => {
  const hex = Buffer.from('https://hex.example/p', 'latin1').toString('hex');
  const f = inspectPdf(withLink(`<< /S /URI /URI <${hex.slice(0, 10)} ${hex.slice(10)}> >>`));
  assert.deepEqual(f.urls, ['https://hex.example/p']);
  assert.deepEqual(inspectPdf(withLink('<< /URI <6874747073 3a2f2f612e636f2f7> >>')).urls, [
    'https://a.co/p',
  ]);
});

test('decodes string escapes: parentheses, octal, line continuations, balanced nesting', () => {
  const f = inspectPdf(withLink('<< /S /URI /URI (https://a.example/\\(x\\)/\\150i/(nested)/y\\\nz) >>'));
  assert.deepEqual(f.urls, ['https://a.example/(x)/hi/(nested)/yz']);
});

test('reads UTF-16 URI strings by their byte-order mark', () => {
  const utf16 = Buffer.concat([
    Buffer.from([0xfe, 0xff]),
    Buffer.from('https://u.example', 'utf16le').swap16(),
  ]);
  const f = inspectPdf(withLink(`<< /S /URI /URI <${utf16.toString('hex')}> >>`));
  assert.deepEqual(f.urls, ['https://u.example']);
});

test('finds links inside FlateDecode content and object streams', () => {
  const objs = objectStream([linkAnnot('<< /S /URI /URI (https://objstm.example/) >>')], 5);
  const f = inspectPdf(
    buildPdf([
      catalogue(),
      pages,
      page('5 0 R'),
      { ...objs, deflate: true },
      { dict: '', data: '<< /A << /S /URI /URI (https://content.example/) >> >>' },
    ]),
  );
  assert.deepEqual(f.urls.sort(), ['https://content.example/', 'https://objstm.example/']);
});

test('resolves /URI n 0 R to a string object, in the file or in an object stream', () => {
  const direct = withLink('<< /S /URI /URI 5 0 R >>', ['(https://direct-ref.example/)']);
  assert.deepEqual(inspectPdf(direct).urls, ['https://direct-ref.example/']);
  const packed = objectStream(['(https://packed-ref.example/)'], 6);
  const f = inspectPdf(withLink('<< /S /URI /URI 6 0 R >>', [packed]));
  assert.deepEqual(f.urls, ['https://packed-ref.example/']);
});

test('names written with #xx escapes count as the names they spell', () => {
  const f = inspectPdf(withLink('<< /S /U#52I /U#52#49 (https://escaped.example/) /J#53 (x) >>'));
  assert.deepEqual(f.urls, ['https://escaped.example/']);
  assert.equal(f.javascript, true);
});

test('flags JavaScript and takes the literal URL of app.launchURL and friends', () => {
  const f = inspectPdf(
    buildPdf([
      catalogue('/OpenAction 4 0 R'),
      pages,
      page(''),
      `<< /S /JavaScript /JS (app.launchURL\\("https://js.example/a", true\\); this.submitForm\\('https://post.example/'\\);) >>`,
    ]),
  );
  assert.equal(f.javascript, true);
  assert.equal(f.openAction, true);
  assert.deepEqual(f.urls, ['https://js.example/a', 'https://post.example/']);
});

test('finds launchURL in a compressed JavaScript stream', () => {
  const f = inspectPdf(
    buildPdf([
      catalogue('/OpenAction << /S /JavaScript /JS 4 0 R >>'),
      pages,
      { dict: '', data: 'app.launchURL("https://stream-js.example/")' },
    ]),
  );
  assert.equal(f.javascript, true);
  assert.deepEqual(f.urls, ['https://stream-js.example/']);
});

test('leaves computed JavaScript arguments alone', () => {
  const f = inspectPdf(withLink('<< /S /JavaScript /JS (var u = "h" + "ttp://x"; app.launchURL\\(u\\);) >>'));
  assert.deepEqual(f.urls, []);
  assert.equal(f.javascript, true);
});

test('flags Launch, additional actions and embedded files', () => {
  const f = inspectPdf(
    buildPdf([
      catalogue('/Names << /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>'),
      pages,
      '<< /Type /Page /Parent 2 0 R /AA << /O << /S /Launch /F (cmd.exe) >> >> >>',
      { dict: '/Type /EmbeddedFile', data: 'MZ...' },
      '<< /Type /Filespec /F (a.exe) /EF << /F 4 0 R >> >>',
    ]),
  );
  assert.equal(f.launch, true);
  assert.equal(f.additionalActions, true);
  assert.equal(f.embeddedFiles, 1);
});

test('flags an encrypted file and keeps no unreadable URI noise', () => {
  const f = inspectPdf(
    buildPdf(
      [
        catalogue(),
        pages,
        page('4 0 R'),
        linkAnnot('<< /S /URI /URI <8f0a1b7c00ff> >>'),
        '<< /Filter /Standard /V 2 >>',
      ],
      '/Encrypt 5 0 R',
    ),
  );
  assert.equal(f.encrypted, true);
  assert.deepEqual(f.urls, []);
});

test('de-duplicates URLs and keeps first-seen order', () => {
  const f = inspectPdf(
    withLink('<< /S /URI /URI (https://b.example/) >>', [
      linkAnnot('<< /S /URI /URI (https://a.example/) >>'),
      linkAnnot('<< /S /URI /URI (https://b.example/) >>'),
    ]),
  );
  assert.deepEqual(f.urls, ['https://b.example/', 'https://a.example/']);
});

test('skips malformed compressed streams and reads the rest of the file', () => {
  const f = inspectPdf(
    buildPdf([
      { dict: '/Filter /FlateDecode', data: Buffer.from('not deflate at all'), deflate: false },
      linkAnnot('<< /S /URI /URI (https://after-bad-stream.example/) >>'),
    ]),
  );
  assert.deepEqual(f.urls, ['https://after-bad-stream.example/']);
});

test('reads a stream whose /Length is wrong or indirect by its endstream', () => {
  const data = deflateSync('<< /URI (https://bad-length.example/) >>');
  const pdf = Buffer.concat([
    Buffer.from('%PDF-1.4\n1 0 obj\n<< /Filter /FlateDecode /Length 9 0 R >>\nstream\r\n'),
    data,
    Buffer.from('\r\nendstream\nendobj\n'),
  ]);
  assert.deepEqual(inspectPdf(pdf).urls, ['https://bad-length.example/']);
});

test('a decompression bomb stops at the cap and is reported as truncated', () => {
  const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024));
  const pdf = Buffer.concat([
    Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`),
    bomb,
    Buffer.from('\nendstream\nendobj\n2 0 obj << /URI (https://after-bomb.example/) >> endobj\n'),
  ]);
  const f = inspectPdf(pdf, { maxStreamBytes: 1024 * 1024, maxInflatedBytes: 2 * 1024 * 1024 });
  assert.equal(f.truncated, true);
  assert.deepEqual(f.urls, ['https://after-bomb.example/']);
});

test('the inflation budget is shared by every stream of the file', () => {
  const one = { dict: '', data: `${'x'.repeat(600_000)} << /URI (https://late.example/) >>` };
  const f = inspectPdf(buildPdf([one, one, one]), {
    maxStreamBytes: 1024 * 1024,
    maxInflatedBytes: 1024 * 1024,
  });
  assert.equal(f.truncated, true);
  assert.deepEqual(f.urls, ['https://late.example/']);
});

test('a PDF header after junk still reads, and an unclosed string ends at the end of the file', () => {
  const f = inspectPdf(Buffer.from('junk\n%PDF-1.5\n<< /URI (https://x.example/) >> << /URI (unclosed'));
  assert.deepEqual(f.urls, ['https://x.example/', 'unclosed']);
});

test('a comment hides what follows on its line only', () => {
  const f = inspectPdf(
    Buffer.from('%PDF-1.5\n% /URI (https://comment.example/)\n<< /URI (https://real.example/) >>'),
  );
  assert.deepEqual(f.urls, ['https://real.example/']);
});

test('empty, truncated and binary inputs give empty findings', () => {
  for (const input of [
    Buffer.alloc(0),
    Buffer.from('%PDF-'),
    Buffer.from('%PDF-1.7\n1 0 obj << /URI'),
    Buffer.alloc(4096, 0xff),
  ]) {
    const f = inspectPdf(input);
    assert.deepEqual(f.urls, []);
  }
});
