// The entry point: an attachment is inspected by its content, the name or type it claims is compared,
// and a message's attachments are inspected within a count and a byte total.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspectAttachment, inspectAttachments } from '../../../../src/phishing/analyze/attachments/index.js';
import { declaredKind, extensionOf, sniffKind } from '../../../../src/phishing/analyze/attachments/magic.js';
import type { ReportAttachment } from '../../../../src/phishing/parse/types.js';
import { buildCfb, wordWithMacros } from './build-cfb.js';
import { buildPdf, catalogue, linkAnnot, page, pages } from './build-pdf.js';
import { buildZip, docx } from './build-zip.js';

const att = (name: string, bytes: Buffer, contentType = 'application/octet-stream'): ReportAttachment => ({
  name,
  contentType,
  size: bytes.length,
  bytes: new Uint8Array(bytes),
});
const pdf = buildPdf([
  catalogue(),
  pages,
  page('4 0 R'),
  linkAnnot('<< /S /URI /URI (https://p.example/) >>'),
]);

test('tells kinds apart by their first bytes', () => {
  assert.equal(sniffKind(pdf), 'pdf');
  assert.equal(sniffKind(buildCfb(wordWithMacros())), 'ole');
  assert.equal(sniffKind(docx()), 'zip');
  assert.equal(sniffKind(Buffer.from('{\\rtx junk')), 'rtf');
  assert.equal(sniffKind(Buffer.from('MZ\x90\x00')), 'executable');
  assert.equal(sniffKind(Buffer.from('\ufeff  <!DOCTYPE html><html>')), 'html');
  assert.equal(sniffKind(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>')), 'html');
  assert.equal(sniffKind(Buffer.from('Rar!\x1a\x07\x00')), 'archive');
  assert.equal(sniffKind(Buffer.from('L\0\0\0\x01\x14\x02\0')), 'lnk');
  assert.equal(sniffKind(Buffer.from('plain text, a < b')), 'other');
  assert.equal(sniffKind(Buffer.alloc(0)), 'other');
  const iso = Buffer.alloc(0x8010);
  iso.write('CD001', 0x8001, 'latin1');
  assert.equal(sniffKind(iso), 'disk-image');
});

test('the declared kind comes from the last extension, else the Content-Type', () => {
  assert.equal(extensionOf('invoice.pdf.exe '), 'exe');
  assert.equal(extensionOf('noext'), '');
  assert.equal(declaredKind('scan.PDF', 'application/octet-stream'), 'pdf');
  assert.equal(declaredKind('file', 'application/pdf; name=x'), 'pdf');
  assert.equal(declaredKind('report.docm', ''), 'zip');
  assert.equal(declaredKind('file', 'application/octet-stream'), null);
});

test('a PDF is inspected for links whatever its name', () => {
  const f = inspectAttachment(att('scan', pdf));
  assert.equal(f.detected, 'pdf');
  assert.equal(f.mismatch, false);
  assert.deepEqual(f.pdf?.urls, ['https://p.example/']);
});

test('a .pdf that is really a zip is listed as a zip, and the disguise is a finding', () => {
  const f = inspectAttachment(
    att('invoice.pdf', buildZip([{ name: 'invoice.js', data: 'x' }]), 'application/pdf'),
  );
  assert.equal(f.detected, 'zip');
  assert.equal(f.declared, 'pdf');
  assert.equal(f.mismatch, true);
  assert.deepEqual(f.archive?.dangerous, [{ name: 'invoice.js', risk: 'executable' }]);
});

test('a .doc that is RTF is inspected as RTF, and a .docx with macros as OOXML', () => {
  const rtf = inspectAttachment(att('a.doc', Buffer.from('{\\rtf1{\\object{\\*\\objdata 01}}}')));
  assert.equal(rtf.office?.kind, 'rtf');
  assert.equal(rtf.mismatch, true);
  const docm = inspectAttachment(att('a.docx', docx([{ name: 'word/vbaProject.bin', data: 'x' }])));
  assert.equal(docm.office?.macros, true);
  assert.equal(docm.mismatch, false);
});

test('a legacy Word file with a VBA project has macros; one without has none', () => {
  assert.equal(inspectAttachment(att('a.doc', buildCfb(wordWithMacros()))).office?.macros, true);
  const clean = buildCfb([{ name: 'WordDocument', data: Buffer.alloc(100) }]);
  assert.equal(inspectAttachment(att('a.doc', clean)).office?.macros, false);
});

test('unknown content is named, not inspected', () => {
  const f = inspectAttachment(att('a.txt', Buffer.from('hello')));
  assert.deepEqual(f, { name: 'a.txt', detected: 'other', declared: null, mismatch: false });
});

test('inspects at most maxAttachments and maxTotalBytes per message, in order', () => {
  const list = [att('1.pdf', pdf), att('2.pdf', pdf), att('3.pdf', pdf)];
  const byCount = inspectAttachments(list, { limits: { maxAttachments: 2, maxTotalBytes: 1 << 30 } });
  assert.deepEqual(
    byCount.map((f) => f.skipped),
    [undefined, undefined, 'too-many-attachments'],
  );
  const byBytes = inspectAttachments(list, { limits: { maxAttachments: 20, maxTotalBytes: pdf.length * 2 } });
  assert.deepEqual(
    byBytes.map((f) => f.skipped),
    [undefined, undefined, 'too-many-bytes'],
  );
  assert.equal(byBytes[2]?.pdf, undefined);
});
