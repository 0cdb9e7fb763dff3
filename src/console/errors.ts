// Error catalogue of the operator console's own pages, and of the forms and uploads it reads for
// the features' actions.
import { CallerError, type ErrorCatalogue } from '../platform/errors.js';

export const errors = {
  NOT_FOUND: {
    code: 'GSOC_CONSOLE_NOT_FOUND',
    actor: 'caller',
    summary: 'A console page was asked for that does not exist (a guide, a record that is gone).',
    fix: 'Follow the links from the overview; a record may have passed its retention.',
  },
  UPLOAD_TOO_LARGE: {
    code: 'GSOC_CONSOLE_UPLOAD_TOO_LARGE',
    actor: 'caller',
    summary:
      'A form posted to the console was larger than the action allows (a CSV import over 5 MB), or a form without a file field was over 64 KB.',
    fix: 'Split the file and send the parts one by one; the page of the form says the limit.',
  },
  FORM_INVALID: {
    code: 'GSOC_CONSOLE_FORM_INVALID',
    actor: 'caller',
    summary:
      'A form posted to the console could not be read: a multipart body without its boundary, cut short, with more files or fields than the action takes, or a file sent to an action that takes none.',
    fix: 'Reload the page and send the form again from it; a script posting to the console must send what the page’s form sends.',
  },
} as const satisfies ErrorCatalogue;

export class ConsoleNotFoundError extends CallerError {
  constructor(message: string) {
    super(errors.NOT_FOUND.code, message, { httpStatus: 404 });
  }
}

export class UploadTooLargeError extends CallerError {
  constructor(
    message: string,
    readonly maxBytes: number,
  ) {
    super(errors.UPLOAD_TOO_LARGE.code, message, { httpStatus: 413, details: { maxBytes } });
  }
}

/** `reason` is a stable word (NO_BOUNDARY, TRUNCATED, TOO_MANY_FILES …), never a piece of the body. */
export class FormInvalidError extends CallerError {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(errors.FORM_INVALID.code, message, { httpStatus: 400, details: { reason } });
  }
}
