// Legacy Office files in OLE2 containers built by the tests: VBA projects in Word and Excel layouts,
// Excel 4.0 macro sheets, embedded objects, encrypted OOXML, and broken or looping sector chains.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCfb } from '../../../../src/phishing/analyze/attachments/cfb.js';
import { inspectOle } from '../../../../src/phishing/analyze/attachments/ole-office.js';
import { buildCfb, wordWithMacros, workbookStream } from './build-cfb.js';

test('lists the directory and reads a stream back', () => {
  const cfb = readCfb(buildCfb([{ name: 'WordDocument', data: Buffer.alloc(1500, 7) }]))!;
  assert.deepEqual(
    cfb.entries.filter((e) => e.type !== 0).map((e) => e.name),
    ['Root Entry', 'WordDocument'],
  );
  const data = cfb.read(cfb.entries[1]!, 1 << 20)!;
  assert.equal(data.length, 1500);
  assert.equal(data[1499], 7);
  assert.equal(cfb.damaged, false);
});

test('a Word document with a Macros/VBA project has macros', () => {
  const f = inspectOle(buildCfb(wordWithMacros()))!;
  assert.equal(f.kind, 'doc');
  assert.equal(f.macros, true);
});

test('an Excel workbook with _VBA_PROJECT_CUR has macros', () => {
  const f = inspectOle(
    buildCfb([
      { name: 'Workbook', data: workbookStream([0]) },
      {
        name: '_VBA_PROJECT_CUR',
        children: [{ name: 'VBA', children: [{ name: 'dir', data: Buffer.from('d') }] }],
      },
    ]),
  )!;
  assert.equal(f.kind, 'xls');
  assert.equal(f.macros, true);
  assert.equal(f.excel4Macros, false);
});

test('documents without a VBA project have no macros, whatever they are named', () => {
  for (const main of ['WordDocument', 'PowerPoint Document']) {
    const f = inspectOle(
      buildCfb([
        { name: main, data: Buffer.alloc(10) },
        { name: 'Macros', children: [] },
      ]),
    )!;
    assert.equal(f.macros, false, main);
    assert.equal(f.embeddedObjects, 0);
  }
  // A storage named VBA alone is not a project.
  assert.equal(
    inspectOle(buildCfb([{ name: 'VBA', children: [{ name: 'x', data: Buffer.from('1') }] }]))!.macros,
    false,
  );
});

test('an Excel 4.0 macro sheet counts as macros', () => {
  const f = inspectOle(buildCfb([{ name: 'Workbook', data: workbookStream([0, 1]) }]))!;
  assert.equal(f.excel4Macros, true);
  assert.equal(f.macros, true);
  assert.equal(
    inspectOle(buildCfb([{ name: 'Workbook', data: workbookStream([0, 0, 2]) }]))!.excel4Macros,
    false,
  );
});

test('counts embedded objects in ObjectPool, MBD storages or Ole10Native streams', () => {
  const pool = inspectOle(
    buildCfb([
      { name: 'WordDocument', data: Buffer.alloc(10) },
      {
        name: 'ObjectPool',
        children: [
          { name: '_1234567890', children: [{ name: '\u0001Ole10Native', data: Buffer.from('pkg') }] },
          { name: '_1234567891', children: [{ name: '\u0001Ole', data: Buffer.from('o') }] },
        ],
      },
    ]),
  )!;
  assert.equal(pool.embeddedObjects, 2);
  const excel = inspectOle(
    buildCfb([
      { name: 'Workbook', data: workbookStream([0]) },
      { name: 'MBD0004A3F1', children: [{ name: '\u0001Ole10Native', data: Buffer.from('x') }] },
    ]),
  )!;
  assert.equal(excel.embeddedObjects, 1);
});

test('an encrypted OOXML package is reported as encrypted', () => {
  const f = inspectOle(
    buildCfb([
      { name: 'EncryptionInfo', data: Buffer.alloc(20) },
      { name: 'EncryptedPackage', data: Buffer.alloc(600) },
    ]),
  )!;
  assert.equal(f.kind, 'encrypted-ooxml');
  assert.equal(f.encrypted, true);
});

test('an Outlook message is told apart from a document', () => {
  assert.equal(
    inspectOle(buildCfb([{ name: '__properties_version1.0', data: Buffer.alloc(32) }]))!.kind,
    'msg',
  );
});

test('a directory chain that loops ends, marked damaged', () => {
  const looped = buildCfb(wordWithMacros(), (fat, { dirStart }) => {
    fat[dirStart + 1] = dirStart; // the second directory sector points back to the first
  });
  const cfb = readCfb(looped)!;
  assert.equal(cfb.damaged, true);
  assert.ok(cfb.entries.length < 1000);
  const f = inspectOle(looped)!;
  assert.equal(f.truncated, true);
});

test('a stream chain that loops or leaves the file ends', () => {
  const bytes = buildCfb([{ name: 'Workbook', data: Buffer.alloc(2048, 1) }], (fat) => {
    fat[fat.length - 1] = fat.length - 2; // last sector back to the one before
  });
  const cfb = readCfb(bytes)!;
  const wb = cfb.entries.find((e) => e.name === 'Workbook')!;
  assert.ok(cfb.read(wb, 1 << 20)!.length <= bytes.length);
  const outside = buildCfb([{ name: 'Workbook', data: Buffer.alloc(2048, 1) }], (fat) => {
    fat[fat.length - 2] = 999_999;
  });
  const c2 = readCfb(outside)!;
  assert.ok(c2.read(c2.entries.find((e) => e.name === 'Workbook')!, 1 << 20)!.length < 2048);
  assert.equal(c2.damaged, true);
});

test('not a compound file, a truncated header or bad sector sizes give null', () => {
  assert.equal(inspectOle(Buffer.from('%PDF-1.7')), null);
  assert.equal(inspectOle(Buffer.from('d0cf11e0a1b11ae1', 'hex')), null);
  const bad = buildCfb(wordWithMacros());
  bad.writeUInt16LE(20, 0x1e);
  assert.equal(inspectOle(bad), null);
});

test('a header claiming huge FAT and directory counts stays bounded', () => {
  const bytes = buildCfb(wordWithMacros());
  bytes.writeUInt32LE(0xffffffff, 0x2c);
  bytes.writeUInt32LE(7, 0x44); // a DIFAT chain into the file's own sectors
  const f = inspectOle(bytes);
  assert.ok(f);
});
