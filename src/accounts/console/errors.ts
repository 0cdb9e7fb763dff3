// Errors of the accounts console pages and actions: what an administrator asked for that cannot be
// done. Each is a CallerError, so the console shows its message and answers with its status.
import { CallerError, type ErrorCatalogue } from '../../platform/errors.js';

export const errors = {
  CONSOLE_BAD_REQUEST: {
    code: 'GSOC_ACCOUNTS_CONSOLE_BAD_REQUEST',
    actor: 'caller',
    summary:
      'An accounts console address or form carried a value that is not valid (a malformed page cursor, an unknown state or template, a denial without a reason).',
    fix: 'Use the links and forms the console gives; the message names the field.',
  },
  IMPORT_NOT_FOUND: {
    code: 'GSOC_ACCOUNTS_IMPORT_NOT_FOUND',
    actor: 'caller',
    summary: 'The console was asked for a bulk import that does not exist.',
    fix: 'Open the import from the list on the imports page.',
  },
  IMPORT_NO_FILE: {
    code: 'GSOC_ACCOUNTS_IMPORT_NO_FILE',
    actor: 'caller',
    summary: 'The import form was sent without a file.',
    fix: 'Choose the CSV file in the form before sending it.',
  },
} as const satisfies ErrorCatalogue;

type Key = keyof typeof errors;

const STATUS: Record<Key, number> = { CONSOLE_BAD_REQUEST: 400, IMPORT_NOT_FOUND: 404, IMPORT_NO_FILE: 400 };

/** A refusal the administrator reads: the message is shown on the page. */
export class AccountsConsoleError extends CallerError {
  constructor(key: Key, message: string, details?: Record<string, unknown>) {
    super(errors[key].code, message, { httpStatus: STATUS[key], ...(details ? { details } : {}) });
  }
}
