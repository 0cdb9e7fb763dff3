// Errors of the phishing console pages and actions: what an operator asked for that cannot be done.
// Each is a CallerError, so the console shows its message and answers with its status.
import { CallerError, type ErrorCatalogue } from '../../platform/errors.js';

export const errors = {
  NOT_FOUND: {
    code: 'GSOC_PHISHING_CONSOLE_NOT_FOUND',
    actor: 'caller',
    summary:
      'The console was asked for a phishing campaign or report that does not exist (or no longer: retention deletes old ones).',
    fix: 'Follow a link from the campaign list or the search; an old link may name a campaign retention has deleted.',
  },
  BAD_REQUEST: {
    code: 'GSOC_PHISHING_CONSOLE_BAD_REQUEST',
    actor: 'caller',
    summary:
      'A phishing console address carried a parameter that is not valid (a report id that is no number, a malformed page cursor).',
    fix: 'Use the links the console gives; do not edit their parameters.',
  },
  NOT_QUARANTINED: {
    code: 'GSOC_PHISHING_CONSOLE_NOT_QUARANTINED',
    actor: 'caller',
    summary:
      'A report was to be released, but it is not quarantined (it was released already, or is still being worked on).',
    fix: 'Reload the page: the report has moved on. Only quarantined reports can be released.',
  },
  IN_FLIGHT: {
    code: 'GSOC_PHISHING_CONSOLE_IN_FLIGHT',
    actor: 'caller',
    summary:
      'A report was to be analysed again while it is still in progress, so a worker may be working on it.',
    fix: 'Wait until it is done or quarantined; a report in progress is analysed with the current rules already.',
  },
  MIME_GONE: {
    code: 'GSOC_PHISHING_CONSOLE_MIME_GONE',
    actor: 'caller',
    summary:
      'A report was to be analysed again, but its message is no longer kept (it is done, or was never fetched).',
    fix: 'A done report cannot be analysed again; for one never fetched, use Release, which fetches it first.',
  },
} as const satisfies ErrorCatalogue;

type Key = keyof typeof errors;

const STATUS: Record<Key, number> = {
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  NOT_QUARANTINED: 409,
  IN_FLIGHT: 409,
  MIME_GONE: 409,
};

/** A refusal the operator reads: the message is shown on the page. */
export class PhishingConsoleError extends CallerError {
  constructor(key: Key, message: string, details?: Record<string, unknown>) {
    super(errors[key].code, message, { httpStatus: STATUS[key], ...(details ? { details } : {}) });
  }
}
