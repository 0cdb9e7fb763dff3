// The import file reader: RFC 4180 as spreadsheets write it, the header's columns, row problems kept
// to their row, whole-file problems refused with their reason, and linear time on hostile shapes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { columnsOf, importRecords } from '../../../src/accounts/csv/columns.js';
import { CsvInvalidError, CsvTooLargeError } from '../../../src/accounts/csv/errors.js';
import { delimiterOf, parseCsv } from '../../../src/accounts/csv/parse.js';
import { assertLinear } from '../../helpers/linear-time.js';

const csv = (s: string) => Buffer.from(s, 'utf8');
const cells = (s: string) => parseCsv(csv(s)).rows.map((r) => r.cells);

function refused(fn: () => unknown, reason: string) {
  assert.throws(fn, (e: unknown) => e instanceof CsvInvalidError && e.reason === reason, reason);
}

describe('CSV import files', () => {
  test('reads plain rows with CRLF, LF or CR line ends and a trailing line break or none', () => {
    for (const nl of ['\r\n', '\n', '\r']) {
      const t = parseCsv(csv(`email,given_name,surname${nl}a@x.edu,Anna,Müller${nl}b@x.edu,Bo,Li${nl}`));
      assert.deepEqual(t.header, ['email', 'given_name', 'surname']);
      assert.deepEqual(
        t.rows.map((r) => r.cells),
        [
          ['a@x.edu', 'Anna', 'Müller'],
          ['b@x.edu', 'Bo', 'Li'],
        ],
      );
      assert.deepEqual(
        t.rows.map((r) => r.line),
        [2, 3],
      );
    }
    assert.deepEqual(cells('h\nlast'), [['last']]);
  });

  test('quoted cells hold delimiters, doubled quotes and line breaks; line numbers follow them', () => {
    const t = parseCsv(csv('a,b\r\n"x, y","say ""hi"""\r\n"multi\r\nline",z\r\nnext,row\r\n'));
    assert.deepEqual(
      t.rows.map((r) => r.cells),
      [
        ['x, y', 'say "hi"'],
        ['multi\r\nline', 'z'],
        ['next', 'row'],
      ],
    );
    assert.deepEqual(
      t.rows.map((r) => r.line),
      [2, 3, 5],
    );
    assert.ok(t.rows.every((r) => !r.malformed));
    assert.deepEqual(cells('a,b\n"",""\n'), [['', '']], 'empty quoted cells are a row');
  });

  test('a byte order mark is dropped and semicolons are found as the delimiter', () => {
    const t = parseCsv(
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        csv('E-Mail;Vorname;Nachname\na@x.edu;Jörg;Groß, Dr.\n'),
      ]),
    );
    assert.equal(t.delimiter, ';');
    assert.deepEqual(t.header, ['E-Mail', 'Vorname', 'Nachname']);
    assert.deepEqual(t.rows[0]?.cells, ['a@x.edu', 'Jörg', 'Groß, Dr.']);
    assert.equal(delimiterOf('"a;b;c",d\n'), ',', 'semicolons inside quotes do not count');
    assert.equal(delimiterOf('a;b,c;d'), ';');
  });

  test('blank lines are skipped; a stray quote marks only its row', () => {
    const t = parseCsv(csv('a,b\n\n1,2\nbro"ken,3\n"closed"after,4\n5,6\n'));
    assert.deepEqual(
      t.rows.map((r) => [r.cells.join('|'), r.malformed]),
      [
        ['1|2', false],
        ['bro"ken|3', true],
        ['closedafter|4', true],
        ['5|6', false],
      ],
    );
  });

  test('hostile cells are read as text, nothing more', () => {
    const hostile = [
      '=HYPERLINK("http://evil")',
      '<script>alert(1)</script>',
      'A\u202Egpj.exe',
      '🎉👩‍💻',
      'nul\u0000byte',
    ];
    const t = parseCsv(csv(`v\n${hostile.map((h) => `"${h.replaceAll('"', '""')}"`).join('\n')}\n`));
    assert.deepEqual(
      t.rows.map((r) => r.cells[0]),
      hostile,
    );
  });

  test('refuses what cannot be read as a whole', () => {
    refused(() => parseCsv(csv('')), 'EMPTY');
    refused(() => parseCsv(csv('\r\n\r\n')), 'EMPTY');
    refused(() => parseCsv(csv(',,\n1,2,3')), 'NO_HEADER');
    refused(() => parseCsv(csv('a,b\n"never closed,1\n2,3\n')), 'UNCLOSED_QUOTE');
    refused(() => parseCsv(Buffer.from([0x61, 0x0a, 0xe4, 0x0a])), 'NOT_UTF8');
    refused(() => parseCsv(csv(`a\n${'x'.repeat(5000)}\n`)), 'CELL_TOO_LONG');
  });

  test('refuses a file over its size or row limit', () => {
    assert.throws(
      () => parseCsv(csv('a\n1\n'), { maxBytes: 3, maxRows: 10 }),
      (e: unknown) => e instanceof CsvTooLargeError && e.limit === 'bytes',
    );
    const rows = `a\n${'1\n'.repeat(11)}`;
    assert.throws(
      () => parseCsv(csv(rows), { maxBytes: 1000, maxRows: 10 }),
      (e: unknown) => e instanceof CsvTooLargeError && e.limit === 'rows',
    );
    assert.equal(parseCsv(csv(`a\n${'1\n'.repeat(10)}`), { maxBytes: 1000, maxRows: 10 }).rows.length, 10);
    assert.throws(() => parseCsv(Buffer.alloc(5 * 1024 * 1024 + 1, 0x61)), CsvTooLargeError);
    assert.equal(parseCsv(csv(`a\n${'1\n'.repeat(10_000)}`)).rows.length, 10_000);
    assert.throws(() => parseCsv(csv(`a\n${'1\n'.repeat(10_001)}`)), CsvTooLargeError);
  });

  test('columns are found by their names and aliases, and required ones must be there', () => {
    assert.deepEqual(columnsOf(['Email', 'givenName', 'Last Name', 'x', 'template']), {
      email: 0,
      givenName: 1,
      surname: 2,
      template: 4,
    });
    assert.deepEqual(columnsOf(['first_name', 'last_name', 'E-Mail']), {
      givenName: 0,
      surname: 1,
      email: 2,
    });
    refused(() => columnsOf(['email', 'given_name']), 'MISSING_COLUMN');
    refused(() => columnsOf(['email', 'mail', 'given_name', 'surname']), 'DUPLICATE_COLUMN');
    const recs = importRecords(
      parseCsv(csv('email,given_name,surname,template\na@x,A,B,\nb@x,C\n"c@x",D,E,staff\nd@x,F,G,"h"i\n')),
    );
    assert.deepEqual(
      recs.map((r) => [r.line, r.email, r.template, r.problem ?? '']),
      [
        [2, 'a@x', '', ''],
        [3, 'b@x', '', 'CELL_COUNT'],
        [4, 'c@x', 'staff', ''],
        [5, 'd@x', 'hi', 'MALFORMED'],
      ],
    );
  });

  test('runs in time linear in the file, whatever it repeats', async () => {
    const read = (s: string) => {
      try {
        parseCsv(Buffer.from(s), { maxBytes: 8 * 1024 * 1024, maxRows: 10_000_000 });
      } catch (e) {
        if (!(e instanceof CsvInvalidError)) throw e;
      }
    };
    await assertLinear(
      'parseCsv',
      read,
      ['a,', '"a""",', '""', '\n', '\r\n,', 'x"', ';', '"\n', 'a@b.c,Ann,Lee\n'],
      {
        head: 'email,given_name,surname\n',
      },
    );
  });
});
