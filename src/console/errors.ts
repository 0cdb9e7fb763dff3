// Error catalogue of the operator console's own pages.
import { CallerError, type ErrorCatalogue } from '../platform/errors.js';

export const errors = {
  NOT_FOUND: {
    code: 'GSOC_CONSOLE_NOT_FOUND',
    actor: 'caller',
    summary: 'A console page was asked for that does not exist (a guide, a record that is gone).',
    fix: 'Follow the links from the overview; a record may have passed its retention.',
  },
} as const satisfies ErrorCatalogue;

export class ConsoleNotFoundError extends CallerError {
  constructor(message: string) {
    super(errors.NOT_FOUND.code, message, { httpStatus: 404 });
  }
}
