// Error catalogue of the outgoing-HTTP layer and the typed errors it throws.
// Messages name the service, method, host and path and never carry headers, tokens, query strings or bodies.
import { CallerError, type ErrorCatalogue, RemoteError } from '../errors.js';
import { statusMapper } from './status-table.js';

export const errors = {
  UNREACHABLE: {
    code: 'GSOC_HTTP_UNREACHABLE',
    actor: 'remote',
    summary:
      'An outside host could not be reached (DNS failure, connection refused or reset) after all retries.',
    fix: 'Check the host named in the message, DNS, firewall and proxy settings; the cause gives the network error.',
  },
  TIMEOUT: {
    code: 'GSOC_HTTP_TIMEOUT',
    actor: 'remote',
    summary: 'An outside host did not connect, answer or finish its answer within the configured timeout.',
    fix: 'Check the remote service status; raise the timeout only if the service is known to be slow.',
  },
  DEADLINE_EXCEEDED: {
    code: 'GSOC_HTTP_DEADLINE_EXCEEDED',
    actor: 'remote',
    summary:
      'An operation ran out of time across its retries, or a requested wait would have passed its deadline.',
    fix: 'The remote side is slow or throttling; the job retries later. Raise the deadline if this happens often.',
  },
  ABORTED: {
    code: 'GSOC_HTTP_ABORTED',
    actor: 'caller',
    summary: 'The caller cancelled an outside call (for example on shutdown).',
    fix: 'Nothing to do unless it happens outside a shutdown.',
  },
  TLS_FAILED: {
    code: 'GSOC_HTTP_TLS_FAILED',
    actor: 'remote',
    summary: 'The TLS certificate of an outside host was not trusted or did not match its name.',
    fix: 'Set caFile for a TLS-inspecting proxy or private CA, and check the host name in the configured URL.',
  },
  TOO_MANY_REDIRECTS: {
    code: 'GSOC_HTTP_TOO_MANY_REDIRECTS',
    actor: 'remote',
    summary: 'An outside host redirected more times than allowed.',
    fix: 'Check the configured base URL; a redirect loop usually means a wrong endpoint or proxy.',
  },
  REDIRECT_REFUSED: {
    code: 'GSOC_HTTP_REDIRECT_REFUSED',
    actor: 'remote',
    summary:
      'A redirect had no valid Location, downgraded https to http, or needed a request body that was a stream.',
    fix: 'Check the configured base URL and any proxy in between.',
  },
  THROTTLED: {
    code: 'GSOC_HTTP_THROTTLED',
    actor: 'remote',
    summary: 'An outside service kept answering 429 Too Many Requests after all retries.',
    fix: 'Lower the rate limit configured for that service or spread the work; the job retries later.',
  },
  REMOTE_FAILED: {
    code: 'GSOC_HTTP_REMOTE_FAILED',
    actor: 'remote',
    summary: 'An outside service answered with a 5xx status.',
    fix: 'Usually transient; the message has the service error code and request id for a support case.',
  },
  AUTH_REJECTED: {
    code: 'GSOC_HTTP_AUTH_REJECTED',
    actor: 'remote',
    summary: 'An outside service refused our credentials or permissions (401 or 403).',
    fix: 'Check the app registration, its granted permissions and admin consent; the message has the service code.',
  },
  REQUEST_REJECTED: {
    code: 'GSOC_HTTP_REQUEST_REJECTED',
    actor: 'remote',
    summary: 'An outside service rejected a request with a 4xx status (not found, conflict, bad request).',
    fix: 'Read the service error code and message; a 400 usually means a bug in graphsoc worth reporting.',
  },
  BAD_RESPONSE: {
    code: 'GSOC_HTTP_BAD_RESPONSE',
    actor: 'remote',
    summary:
      'An outside service answered with a body that is not the JSON shape its API documents, or too large.',
    fix: 'Check for a proxy rewriting answers; otherwise report it with the request id.',
  },
  OPTIONS_INVALID: {
    code: 'GSOC_HTTP_OPTIONS_INVALID',
    actor: 'caller',
    summary: 'An HTTP option (timeout, retries, rate or concurrency limit) is outside its allowed range.',
    fix: 'Use a value within the bounds named in the message.',
  },
  CA_UNREADABLE: {
    code: 'GSOC_HTTP_CA_UNREADABLE',
    actor: 'caller',
    summary: 'The CA file configured for a client cannot be read or holds no PEM certificate.',
    fix: 'Check the caFile path, its permissions and that it holds a -----BEGIN CERTIFICATE----- block.',
  },
} as const satisfies ErrorCatalogue;

/** Where a request went, in a form safe for messages and logs (no query string). */
export interface RequestTarget {
  service: string;
  method: string;
  host: string;
  path: string;
}

export function describeTarget(t: RequestTarget): string {
  return `${t.service} ${t.method} ${t.host}${t.path}`;
}

/** A failure before any answer: network, TLS, timeout, deadline, cancellation, redirect policy. */
export class HttpTransportError extends RemoteError {
  readonly host: string;
  readonly target: RequestTarget;
  constructor(
    spec: { code: string },
    message: string,
    target: RequestTarget,
    opts: { cause?: unknown; retryable?: boolean; details?: Record<string, unknown> } = {},
  ) {
    super(spec.code, message, {
      cause: opts.cause,
      retryable: opts.retryable ?? false,
      details: { service: target.service, host: target.host, ...opts.details },
    });
    this.host = target.host;
    this.target = target;
  }
}

/** The caller's own signal cancelled the call. */
export class HttpAbortedError extends CallerError {
  readonly host: string;
  constructor(target: RequestTarget, cause: unknown) {
    super(errors.ABORTED.code, `${describeTarget(target)} was cancelled by the caller`, {
      cause,
      details: { service: target.service, host: target.host },
    });
    this.host = target.host;
  }
}

/** An option out of bounds, found when a client is built or a call overrides it. */
export class HttpOptionsError extends CallerError {
  constructor(message: string) {
    super(errors.OPTIONS_INVALID.code, message);
  }
}

/** The service's own account of an error, parsed from its error body by the connector's zod schema. */
export interface RemoteErrorInfo {
  /** The service's error code, e.g. Graph's `Authorization_RequestDenied`. */
  code?: string;
  message?: string;
  requestId?: string;
  /** Server time of the error as the service reports it. */
  date?: string;
  /** Further secret-free fields worth keeping (e.g. Graph's innerError.client-request-id). */
  extra?: Record<string, unknown>;
}

export interface HttpStatusErrorInit extends RemoteErrorInfo {
  status: number;
  target: RequestTarget;
  retryAfterMs?: number;
  attempts: number;
  cause?: unknown;
}

/** A non-2xx answer. Keeps the status, the service's code and message, request id and host. */
export class HttpStatusError extends RemoteError {
  readonly status: number;
  readonly remoteCode: string | undefined;
  readonly remoteMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly date: string | undefined;
  readonly host: string;
  readonly retryAfterMs: number | undefined;

  constructor(init: HttpStatusErrorInit, spec: { code: string } = specForStatus(init.status)) {
    const remote = [init.code, init.message].filter(Boolean).join(': ');
    const rid = init.requestId ? ` (request-id ${init.requestId})` : '';
    super(
      spec.code,
      `${describeTarget(init.target)} answered ${init.status}${remote ? ` ${remote}` : ''}${rid}`,
      {
        cause: init.cause,
        retryable: init.status === 429 || init.status >= 500,
        httpStatus: 502,
        details: {
          service: init.target.service,
          host: init.target.host,
          status: init.status,
          ...(init.code ? { remoteCode: init.code } : {}),
          ...(init.requestId ? { requestId: init.requestId } : {}),
          ...(init.date ? { date: init.date } : {}),
          ...(init.extra ?? {}),
          attempts: init.attempts,
        },
      },
    );
    this.status = init.status;
    this.remoteCode = init.code;
    this.remoteMessage = init.message;
    this.requestId = init.requestId;
    this.date = init.date;
    this.host = init.target.host;
    this.retryAfterMs = init.retryAfterMs;
  }
}

const httpStatus = statusMapper(errors, {
  table: {
    429: 'THROTTLED',
    401: 'AUTH_REJECTED',
    403: 'AUTH_REJECTED',
    '5xx': 'REMOTE_FAILED',
    default: 'REQUEST_REJECTED',
  },
});

/** The code of a status answered by a service whose connector has no catalogue of its own. */
export function specForStatus(status: number): { code: string } {
  return httpStatus({ status });
}
