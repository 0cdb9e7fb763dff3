// CSV exports: quoted as RFC 4180 says, a byte order mark for Excel, and no cell a spreadsheet would
// run as a formula.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { csvCell, csvFile, csvLine } from '../../../src/accounts/csv/write.js';
import { parseCsv } from '../../../src/accounts/csv/parse.js';

describe('CSV exports', () => {
  test('formula starts are defused with a leading quote', () => {
    for (const s of ['=1+1', '+49 30', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://evil","x")'])
      assert.ok(csvCell(s).replace(/^"/, '').startsWith(`'`), s);
    assert.equal(csvCell('a=b'), 'a=b', 'only the first character counts');
    assert.equal(csvCell(-2), '-2', 'our own numbers are numbers');
  });

  test('cells are quoted when they hold quotes, delimiters, line breaks or edge spaces', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('a;b'), '"a;b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell(' pad'), '" pad"');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell('<script>\u202E🎉'), '<script>\u202E🎉');
    assert.equal(csvLine(['a', 1, null]), 'a,1,\r\n');
  });

  test('a file starts with the byte order mark and reads back cell for cell', () => {
    const rows = [['=cmd|" /C calc"!A0', 'Müller, Jörg', 'line\r\nbreak', '"quoted"', '\u0000nul']];
    const file = csvFile(['a', 'b', 'c', 'd', 'e'], rows);
    assert.ok(file.startsWith('\uFEFFa,b,c,d,e\r\n'));
    const back = parseCsv(Buffer.from(file, 'utf8'));
    assert.deepEqual(back.header, ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(back.rows[0]?.cells, [
      `'=cmd|" /C calc"!A0`,
      'Müller, Jörg',
      'line\r\nbreak',
      '"quoted"',
      '\u0000nul',
    ]);
  });
});
