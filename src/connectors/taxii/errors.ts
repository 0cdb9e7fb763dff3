// Error catalogue of the TAXII connector and its typed errors. Statuses map through one table (401
// and 403 told apart: the first is our credentials, the second the feed's permissions); what TAXII
// adds (discovery without a usable API root, a collection we may not read, a `next` that does not
// move, answers outside the documented shape) has codes of its own.
import { CallerError, type ErrorCatalogue, RemoteError } from '../../platform/errors.js';
import {
  HttpStatusError,
  type HttpStatusErrorInit,
  remoteErrorParser,
  statusMapper,
} from '../../platform/http/index.js';
import { errorSchema } from './schemas.js';

export const errors = {
  NOT_CONFIGURED: {
    code: 'GSOC_TAXII_NOT_CONFIGURED',
    actor: 'caller',
    summary: 'The [taxii] section lacks url or collectionIds, or has a username without a password.',
    fix: 'Set the missing keys; give the password through GRAPHSOC_TAXII_PASSWORD or passwordFile (or use token).',
  },
  AUTH_REJECTED: {
    code: 'GSOC_TAXII_AUTH_REJECTED',
    actor: 'caller',
    summary: 'The TAXII server answered 401: it refused the username and password or the token.',
    fix: 'Check taxii.username/password or taxii.token with the feed operator; they change when rotated.',
  },
  FORBIDDEN: {
    code: 'GSOC_TAXII_FORBIDDEN',
    actor: 'caller',
    summary: 'The TAXII server answered 403: these credentials may not read the collection or API root.',
    fix: 'Ask the feed operator for read access, or remove the collection from taxii.collectionIds.',
  },
  NOT_FOUND: {
    code: 'GSOC_TAXII_NOT_FOUND',
    actor: 'caller',
    summary:
      'The TAXII server answered 404: the API root or a collection in taxii.collectionIds does not exist.',
    fix: 'Check taxii.url, taxii.apiRoot and taxii.collectionIds against the collections list the feed publishes.',
  },
  THROTTLED: {
    code: 'GSOC_TAXII_THROTTLED',
    actor: 'remote',
    summary: 'The TAXII server kept answering 429 after the retries that honour its Retry-After.',
    fix: 'The next run resumes from the saved cursor; run the sync less often if it persists.',
  },
  SERVICE_FAILED: {
    code: 'GSOC_TAXII_SERVICE_FAILED',
    actor: 'remote',
    summary: 'The TAXII server answered with a 5xx status (after the retries for 503 and 504).',
    fix: 'Usually transient; the next run resumes from the saved cursor. The message has the error_id, if any.',
  },
  REQUEST_REJECTED: {
    code: 'GSOC_TAXII_REQUEST_REJECTED',
    actor: 'remote',
    summary:
      'The TAXII server rejected a request with a 4xx status (400, 406…); the message quotes its reason.',
    fix: 'A 406 means the server does not speak TAXII 2.1; otherwise report it with the message.',
  },
  BAD_RESPONSE: {
    code: 'GSOC_TAXII_BAD_RESPONSE',
    actor: 'remote',
    summary: 'The TAXII server answered with a body that is not JSON or lacks fields TAXII 2.1 requires.',
    fix: 'Check that taxii.url is a TAXII 2.1 discovery or API root URL, and for a proxy rewriting answers.',
  },
  NO_API_ROOT: {
    code: 'GSOC_TAXII_NO_API_ROOT',
    actor: 'caller',
    summary:
      'The discovery names no default API root and taxii.apiRoot is unset, or the API root is on another host than taxii.url.',
    fix: 'Set taxii.apiRoot to one of the api_roots the message lists, or set taxii.url to the API root itself.',
  },
  NOT_READABLE: {
    code: 'GSOC_TAXII_NOT_READABLE',
    actor: 'caller',
    summary: 'A collection in taxii.collectionIds says can_read false for these credentials.',
    fix: 'Ask the feed operator for read access, or remove the collection from taxii.collectionIds.',
  },
  PAGING_STUCK: {
    code: 'GSOC_TAXII_PAGING_STUCK',
    actor: 'remote',
    summary:
      'The TAXII server said more objects follow but gave a next or date-added header that does not move.',
    fix: 'The run stops rather than loop; the next run starts again from the saved cursor. Report it to the feed operator.',
  },
} as const satisfies ErrorCatalogue;

/** Reads the TAXII error message resource: error_code (or error_id) and title: description. */
export const parseTaxiiError = remoteErrorParser(errorSchema, (b) => ({
  ...((b.error_code ?? b.error_id) ? { code: b.error_code ?? b.error_id } : {}),
  message: b.description ? `${b.title}: ${b.description}` : b.title,
  ...(b.error_id ? { requestId: b.error_id } : {}),
}));

const taxiiStatus = statusMapper(errors, {
  table: {
    429: 'THROTTLED',
    401: 'AUTH_REJECTED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    '5xx': 'SERVICE_FAILED',
    default: 'REQUEST_REJECTED',
  },
});

/** A non-2xx answer from the TAXII server: status, its message, error id, host and attempts. */
export class TaxiiError extends HttpStatusError {
  constructor(init: HttpStatusErrorInit) {
    super(init, taxiiStatus(init));
  }
}

/** An answer we cannot use: not JSON, outside the documented shape, paging that does not move. */
export class TaxiiResponseError extends RemoteError {
  constructor(spec: { code: string }, message: string, opts: { cause?: unknown; retryable?: boolean } = {}) {
    super(spec.code, message, { cause: opts.cause, retryable: opts.retryable ?? false });
  }
}

/** The configuration or the feed's setup keeps us from reading (no API root, can_read false, keys missing). */
export class TaxiiConfigError extends CallerError {
  constructor(spec: { code: string }, message: string) {
    super(spec.code, message);
  }
}
