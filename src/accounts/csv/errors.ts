// Errors of the accounts CSV import file as a whole: too large, too many rows, not UTF-8, a quote
// never closed, no header or a required column missing. A problem of one row is a refusal of that
// row (accounts_import_refusals), not an error of the file.
import { CallerError, type ErrorCatalogue } from '../../platform/errors.js';

export const errors = {
  CSV_INVALID: {
    code: 'GSOC_ACCOUNTS_CSV_INVALID',
    actor: 'caller',
    summary:
      'An accounts import file could not be read as CSV: not UTF-8, empty, a quoted cell never closed, no header row, or a required column (email, given_name, surname) missing.',
    fix: 'Save the sheet as "CSV UTF-8" with a header row naming email, given_name and surname (first_name/last_name also work); the reason in the details says what was wrong.',
  },
  CSV_TOO_LARGE: {
    code: 'GSOC_ACCOUNTS_CSV_TOO_LARGE',
    actor: 'caller',
    summary: 'An accounts import file is over 5 MB or holds more than 10,000 rows.',
    fix: 'Split the file and import the parts one after another.',
  },
  IMPORT_ROW_INVALID: {
    code: 'GSOC_ACCOUNTS_IMPORT_ROW_INVALID',
    actor: 'caller',
    summary:
      'One row of an accounts import was refused: a different number of cells than the header, a stray quote, an empty or too long name, a name with control or invisible characters, or a template that does not exist.',
    fix: 'Correct the row (the import page names the row and the reason) and import it again in a new file.',
  },
} as const satisfies ErrorCatalogue;

export type CsvReason =
  | 'NOT_UTF8'
  | 'EMPTY'
  | 'UNCLOSED_QUOTE'
  | 'NO_HEADER'
  | 'MISSING_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'CELL_TOO_LONG';

export class CsvInvalidError extends CallerError {
  constructor(
    readonly reason: CsvReason,
    detail?: string,
  ) {
    super(errors.CSV_INVALID.code, `The CSV file is refused (${reason}${detail ? `: ${detail}` : ''})`, {
      details: { reason, ...(detail ? { detail } : {}) },
    });
  }
}

export class CsvTooLargeError extends CallerError {
  constructor(
    readonly limit: 'bytes' | 'rows',
    readonly max: number,
  ) {
    super(
      errors.CSV_TOO_LARGE.code,
      `The CSV file has more than ${max} ${limit === 'bytes' ? 'bytes' : 'rows'}`,
      {
        httpStatus: 413,
        details: { limit, max },
      },
    );
  }
}
