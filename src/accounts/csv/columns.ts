// Which column of an import file holds what: the header names compared without case, spaces, `_`
// and `-`, so `email`, `E-Mail`, `given_name`, `givenName`, `First name` and `last_name` all work.
// `email`, the given name and the surname are required; `template` is optional (the form's template
// when absent or empty). Other columns are ignored.
import { CsvInvalidError } from './errors.js';
import type { CsvRow, CsvTable } from './parse.js';

export type ImportColumn = 'email' | 'givenName' | 'surname' | 'template';

const ALIASES: Readonly<Record<string, ImportColumn>> = {
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  givenname: 'givenName',
  firstname: 'givenName',
  forename: 'givenName',
  vorname: 'givenName',
  surname: 'surname',
  lastname: 'surname',
  familyname: 'surname',
  nachname: 'surname',
  template: 'template',
};

const REQUIRED: readonly ImportColumn[] = ['email', 'givenName', 'surname'];
const SHOWN: Readonly<Record<ImportColumn, string>> = {
  email: 'email',
  givenName: 'given_name',
  surname: 'surname',
  template: 'template',
};

export type ColumnMap = Readonly<Partial<Record<ImportColumn, number>>>;

const key = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');

/** Throws CsvInvalidError MISSING_COLUMN or DUPLICATE_COLUMN. */
export function columnsOf(header: readonly string[]): ColumnMap {
  const map: Partial<Record<ImportColumn, number>> = {};
  header.forEach((h, i) => {
    const col = ALIASES[key(h)];
    if (col === undefined) return;
    if (map[col] !== undefined) throw new CsvInvalidError('DUPLICATE_COLUMN', SHOWN[col]);
    map[col] = i;
  });
  for (const col of REQUIRED)
    if (map[col] === undefined) throw new CsvInvalidError('MISSING_COLUMN', SHOWN[col]);
  return map;
}

export interface ImportRecord {
  line: number;
  email: string;
  givenName: string;
  surname: string;
  /** Empty when the row names none. */
  template: string;
  /** Why the row cannot be read, before any check of its values. */
  problem?: 'MALFORMED' | 'CELL_COUNT';
}

/** The rows of a table as import records, each with its line. */
export function importRecords(table: CsvTable): ImportRecord[] {
  const cols = columnsOf(table.header);
  const cell = (r: CsvRow, c: ImportColumn) => {
    const i = cols[c];
    return i === undefined ? '' : (r.cells[i] ?? '');
  };
  return table.rows.map((r) => {
    const problem = r.malformed
      ? 'MALFORMED'
      : r.cells.length !== table.header.length
        ? 'CELL_COUNT'
        : undefined;
    return {
      line: r.line,
      email: cell(r, 'email'),
      givenName: cell(r, 'givenName'),
      surname: cell(r, 'surname'),
      template: cell(r, 'template').trim(),
      ...(problem ? { problem } : {}),
    };
  });
}
