// OOXML packages and plain zips built by the tests: macros by part name, external relationships
// classified by type, the zip reader's bounds and the archive listing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspectArchive } from '../../../../src/phishing/analyze/attachments/archive.js';
import { InflateBudget } from '../../../../src/phishing/analyze/attachments/inflate.js';
import { inspectOoxml, isOfficePackage } from '../../../../src/phishing/analyze/attachments/ooxml.js';
import { readRelationships } from '../../../../src/phishing/analyze/attachments/rels.js';
import { listZip, MAX_ZIP_ENTRIES, readZipEntry } from '../../../../src/phishing/analyze/attachments/zip.js';
import * as hostile from './build-hostile.js';
import { buildZip, docx, rel, relsPart } from './build-zip.js';

const office = (bytes: Buffer) => inspectOoxml(bytes, listZip(bytes));

test('a plain document has no macros and no external references', () => {
  const f = office(docx());
  assert.equal(f.kind, 'docx');
  assert.deepEqual(
    [f.macros, f.externalTemplate, f.externalLinks, f.embeddedObjects],
    [false, undefined, [], 0],
  );
});

test('vbaProject.bin anywhere means macros', () => {
  assert.equal(office(docx([{ name: 'word/vbaProject.bin', data: 'x' }])).macros, true);
  assert.equal(office(docx([{ name: 'xl/VBAPROJECT.BIN', data: 'x' }])).macros, true);
});

test('Excel 4.0 macro sheets in an xlsm count as macros', () => {
  const bytes = buildZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'xl/workbook.xml', data: '<workbook/>' },
    { name: 'xl/macrosheets/sheet1.xml', data: '<xm:macrosheet/>' },
  ]);
  const f = office(bytes);
  assert.equal(f.kind, 'xlsx');
  assert.equal(f.excel4Macros, true);
  assert.equal(f.macros, true);
});

test('an external attachedTemplate is template injection', () => {
  const f = office(
    docx(
      [
        {
          name: 'word/_rels/settings.xml.rels',
          data: relsPart([rel('rId1', 'attachedTemplate', 'https://t.example/x.dotm', true)]),
        },
      ],
      [],
    ),
  );
  assert.equal(f.externalTemplate, 'https://t.example/x.dotm');
  assert.deepEqual(f.externalLinks, ['https://t.example/x.dotm']);
  assert.deepEqual(f.externalObjects, []);
});

test('a local attachedTemplate is not external', () => {
  const f = office(
    docx([
      {
        name: 'word/_rels/settings.xml.rels',
        data: relsPart([rel('rId1', 'attachedTemplate', 'Normal.dotm')]),
      },
    ]),
  );
  assert.equal(f.externalTemplate, undefined);
});

test('remote OLE objects and frames load on open; hyperlinks and images do not', () => {
  const f = office(
    docx(
      [],
      [
        rel('rId1', 'oleObject', 'mhtml:https://o.example/a!x-usc:https://o.example/a', true),
        rel('rId2', 'hyperlink', 'https://h.example/', true),
        rel('rId3', 'image', 'https://img.example/p.png', true),
        rel('rId4', 'frame', 'https://f.example/', true),
        rel('rId5', 'image', 'media/image1.png'),
      ],
    ),
  );
  assert.deepEqual(f.externalObjects, [
    'mhtml:https://o.example/a!x-usc:https://o.example/a',
    'https://f.example/',
  ]);
  assert.deepEqual(f.externalLinks, [
    'mhtml:https://o.example/a!x-usc:https://o.example/a',
    'https://h.example/',
    'https://img.example/p.png',
    'https://f.example/',
  ]);
});

test('entities in targets are decoded and TargetMode is read in any case', () => {
  const { rels } = readRelationships(
    `<Relationships><Relationship Type='x/hyperlink' Target='https://a.example/?a=1&amp;b=&#50;' TargetMode='external'/></Relationships>`,
  );
  assert.deepEqual(rels, [{ type: 'hyperlink', target: 'https://a.example/?a=1&b=2', external: true }]);
});

test('relationships parse with attributes in any order and odd spacing', () => {
  const { rels } = readRelationships(
    '<Relationship\n TargetMode = "External"\tTarget="u" Id="r" Type="http://s/oleObject" ></Relationship>',
  );
  assert.deepEqual(rels, [{ type: 'oleObject', target: 'u', external: true }]);
  assert.deepEqual(readRelationships('<Relationship Type="a" Target="b').rels, []);
});

test('embedded objects and ActiveX controls are counted', () => {
  const f = office(
    docx([
      { name: 'word/embeddings/oleObject1.bin', data: 'x' },
      { name: 'word/embeddings/Microsoft_Excel_Worksheet.xlsx', data: 'x' },
      { name: 'word/activeX/activeX1.bin', data: 'x' },
      { name: 'word/activeX/activeX1.xml', data: 'x' },
    ]),
  );
  assert.equal(f.embeddedObjects, 3);
});

test('OpenDocument files are recognised and Basic macros found', () => {
  const bytes = buildZip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', store: true },
    { name: 'content.xml', data: '<office:document-content/>' },
    { name: 'Basic/Standard/script-lc.xml', data: '<library/>' },
  ]);
  assert.equal(isOfficePackage(listZip(bytes)), true);
  const f = office(bytes);
  assert.equal(f.kind, 'odf');
  assert.equal(f.macros, true);
});

test('lists a plain zip: names, encrypted entries, dangerous types, nested archives', () => {
  const bytes = buildZip([
    { name: 'docs/', data: '', store: true },
    { name: 'docs/Invoice.pdf.js', data: 'x', encrypted: true },
    { name: 'readme.txt', data: 'hello' },
    { name: 'disk.ISO', data: 'x' },
    { name: 'inner.zip', data: 'x' },
    { name: 'page.html', data: '<html>' },
  ]);
  const listing = listZip(bytes);
  assert.equal(isOfficePackage(listing), false);
  const f = inspectArchive(listing);
  assert.equal(f.entries, 6);
  assert.deepEqual(f.names, ['docs/Invoice.pdf.js', 'readme.txt', 'disk.ISO', 'inner.zip', 'page.html']);
  assert.equal(f.encryptedEntries, 1);
  assert.deepEqual(f.dangerous, [
    { name: 'docs/Invoice.pdf.js', risk: 'executable' },
    { name: 'disk.ISO', risk: 'disk-image' },
    { name: 'page.html', risk: 'html' },
  ]);
  assert.equal(f.nestedArchives, 2);
});

test('an encrypted entry is not read', () => {
  const bytes = buildZip([{ name: 'a.txt', data: 'secret', encrypted: true }]);
  const e = listZip(bytes).entries[0]!;
  assert.equal(readZipEntry(bytes, e, { maxBytes: 100, budget: new InflateBudget(100) }), null);
});

test('an end record claiming more entries than exist lists the real ones', () => {
  const bytes = buildZip([{ name: 'a.txt', data: 'a' }], { claimEntries: 65_535 });
  const l = listZip(bytes);
  assert.equal(l.entries.length, 1);
  assert.equal(l.truncated, false);
});

test('a zip with bytes prepended (self-extractor, polyglot) still lists and reads', () => {
  const bytes = buildZip(
    [{ name: 'x/_rels/a.rels', data: relsPart([rel('r', 'oleObject', 'https://p.example/', true)]) }],
    {
      prefix: Buffer.from('%PDF-1.7 junk before the archive\n'),
    },
  );
  const l = listZip(bytes);
  assert.equal(l.entries.length, 1);
  const data = readZipEntry(bytes, l.entries[0]!, { maxBytes: 1 << 20, budget: new InflateBudget(1 << 20) })!;
  assert.match(data.toString('utf8'), /p\.example/);
});

test('stops listing at MAX_ZIP_ENTRIES', () => {
  const many = Array.from({ length: MAX_ZIP_ENTRIES + 5 }, (_, k) => ({
    name: `f${k}`,
    data: '',
    store: true,
  }));
  const l = listZip(buildZip(many));
  assert.equal(l.entries.length, MAX_ZIP_ENTRIES);
  assert.equal(l.truncated, true);
});

test('a zip bomb entry stops at the cap', () => {
  const bytes = buildZip([{ name: 'bomb.rels', data: Buffer.alloc(50 * 1024 * 1024) }]);
  const budget = new InflateBudget(1 << 20);
  assert.equal(readZipEntry(bytes, listZip(bytes).entries[0]!, { maxBytes: 1 << 20, budget }), null);
  assert.equal(budget.exhausted, true);
});

test('truncated, empty and non-zip input lists nothing', () => {
  for (const b of [
    Buffer.alloc(0),
    Buffer.from('PK\x03\x04'),
    docx().subarray(0, 200),
    Buffer.alloc(100, 0x50),
  ]) {
    const l = listZip(b);
    assert.equal(l.entries.length, 0);
    assert.equal(l.truncated, true);
  }
});

test('a .rels part listed under many names is read once', () => {
  const { zipOfRepeatedRels } = hostile;
  const f = office(zipOfRepeatedRels(200_000));
  assert.equal(f.externalObjects.length, 600);
  assert.equal(f.externalLinks.length, 600);
});
