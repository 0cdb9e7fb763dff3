// Error catalogue of the TruSTAR connector and its typed errors. Status answers map through one
// table; what TruSTAR adds (the token refusal in a 400, waitTime, cursors that do not move, the
// 10,000-result paging limit, answers outside the documented shape) has codes of its own.
import { CallerError, type ErrorCatalogue, RemoteError } from '../../platform/errors.js';
import {
  HttpStatusError,
  type HttpStatusErrorInit,
  remoteErrorParser,
  statusMapper,
} from '../../platform/http/index.js';
import { genericErrorSchema, throttledSchema, tokenErrorSchema } from './schemas.js';
import { z } from 'zod';

export const errors = {
  NOT_CONFIGURED: {
    code: 'GSOC_TRUSTAR_NOT_CONFIGURED',
    actor: 'caller',
    summary: 'The [trustar] section lacks apiKey, apiSecret, enclaveIds or clientMetatag.',
    fix: 'Set the missing keys; give the secret through GRAPHSOC_TRUSTAR_API_SECRET or apiSecretFile.',
  },
  AUTH_FAILED: {
    code: 'GSOC_TRUSTAR_AUTH_FAILED',
    actor: 'caller',
    summary: 'The TruSTAR token endpoint refused the API key and secret.',
    fix: 'Check apiKey and apiSecret in Station (Settings → API); they change when someone rotates them.',
  },
  TOKEN_REJECTED: {
    code: 'GSOC_TRUSTAR_TOKEN_REJECTED',
    actor: 'remote',
    summary:
      'TruSTAR refused a freshly issued access token (400 "Expired/Invalid oauth2 access token" or 401).',
    fix: 'Check the clock of this host and any proxy that drops the Authorization header; retried next run.',
  },
  THROTTLED: {
    code: 'GSOC_TRUSTAR_THROTTLED',
    actor: 'remote',
    summary:
      'TruSTAR kept answering 429, or asked for a wait longer than allowed (usually the daily quota is spent).',
    fix: 'Wait for the time in the message (the quota resets at 00:00 UTC); lower how often the sync runs or share fewer credentials.',
  },
  SERVICE_FAILED: {
    code: 'GSOC_TRUSTAR_SERVICE_FAILED',
    actor: 'remote',
    summary: 'TruSTAR answered with a 5xx status (after the retries for 503 and 504).',
    fix: 'Usually transient; the message has the Trace-Id for a support case.',
  },
  REQUEST_REJECTED: {
    code: 'GSOC_TRUSTAR_REQUEST_REJECTED',
    actor: 'remote',
    summary: 'TruSTAR rejected a request with a 4xx status; the message quotes its reason.',
    fix: 'A window longer than a year or an enclave the key cannot read are the usual reasons; otherwise report it.',
  },
  BAD_RESPONSE: {
    code: 'GSOC_TRUSTAR_BAD_RESPONSE',
    actor: 'remote',
    summary: 'TruSTAR answered with a body that is not JSON or lacks fields its API documents.',
    fix: 'Check for a proxy rewriting answers; otherwise report it with the fields the message names.',
  },
  CURSOR_STUCK: {
    code: 'GSOC_TRUSTAR_CURSOR_STUCK',
    actor: 'remote',
    summary: 'TruSTAR answered a page with the same cursor it was asked with, so paging would never end.',
    fix: 'The run stops rather than loop; the next run starts again from the saved cursor. Report it if it persists.',
  },
  PAGING_LIMIT: {
    code: 'GSOC_TRUSTAR_PAGING_LIMIT',
    actor: 'remote',
    summary: 'The indicator search failed past 10,000 results, the depth TruSTAR documents it can page.',
    fix: 'Use shorter from/to windows so each holds fewer than 10,000 indicators.',
  },
  QUERY_INVALID: {
    code: 'GSOC_TRUSTAR_QUERY_INVALID',
    actor: 'caller',
    summary:
      'A search was refused before sending: from after to, a window over 364 days, or an invalid filter.',
    fix: 'Fix the query the message names; TruSTAR allows windows up to a year and 20 tags per filter.',
  },
  ENCLAVE_NOT_CONFIGURED: {
    code: 'GSOC_TRUSTAR_ENCLAVE_NOT_CONFIGURED',
    actor: 'caller',
    summary: 'A search named an enclave that is not in trustar.enclaveIds.',
    fix: 'Add the enclave to trustar.enclaveIds, or search only the configured ones.',
  },
  ENCLAVE_NOT_READABLE: {
    code: 'GSOC_TRUSTAR_ENCLAVE_NOT_READABLE',
    actor: 'caller',
    summary: 'A configured enclave does not exist for this API key or the key may not read it.',
    fix: 'Correct trustar.enclaveIds (the message lists the enclaves the key can read) or ask the enclave owner for access.',
  },
} as const satisfies ErrorCatalogue;

/** Reads the token error, the 429 or the generic error body; the Trace-Id header is the request id. */
export const parseTrustarError = remoteErrorParser(
  z.union([tokenErrorSchema, throttledSchema, genericErrorSchema]),
  (body, res) => {
    const b = body as { error?: string; error_description?: string; message?: string };
    const requestId = res.headers['trace-id'];
    return {
      ...(b.error ? { code: b.error } : {}),
      ...((b.error_description ?? b.message) ? { message: b.error_description ?? b.message } : {}),
      ...(requestId ? { requestId } : {}),
    };
  },
);

const trustarStatus = statusMapper(errors, {
  table: { 429: 'THROTTLED', 401: 'TOKEN_REJECTED', '5xx': 'SERVICE_FAILED', default: 'REQUEST_REJECTED' },
  exceptions: [{ status: 400, remoteCodes: ['invalid_token'], entry: 'TOKEN_REJECTED' }],
});

/** A non-2xx answer from TruSTAR: status, its message, Trace-Id, host and attempts. */
export class TrustarError extends HttpStatusError {
  constructor(init: HttpStatusErrorInit) {
    super(init, trustarStatus(init));
  }
}

/** The token endpoint refused the credentials. The message names the key, never the secret. */
export class TrustarAuthError extends CallerError {
  constructor(apiKey: string, status: number, cause?: unknown) {
    super(
      errors.AUTH_FAILED.code,
      `TruSTAR refused the API key "${apiKey}" (token endpoint answered ${status})`,
      {
        httpStatus: 502,
        cause,
        details: { status },
      },
    );
  }
}

/** 429s beyond what one request may wait out; `retryAfterMs` is TruSTAR's last waitTime. */
export class TrustarThrottledError extends RemoteError {
  readonly retryAfterMs: number;
  constructor(path: string, waitMs: number, attempts: number, why: string) {
    super(
      errors.THROTTLED.code,
      `TruSTAR ${path} answered 429 ${attempts} times; ${why} (waitTime ${waitMs} ms)`,
      {
        retryable: true,
        details: { path, waitMs, attempts },
      },
    );
    this.retryAfterMs = waitMs;
  }
}

/** An answer we cannot use: not JSON, outside the documented shape, a cursor that does not move. */
export class TrustarResponseError extends RemoteError {
  constructor(spec: { code: string }, message: string, opts: { cause?: unknown; retryable?: boolean } = {}) {
    super(spec.code, message, { cause: opts.cause, retryable: opts.retryable ?? false });
  }
}

export class TrustarQueryError extends CallerError {
  constructor(spec: { code: string }, message: string) {
    super(spec.code, message);
  }
}

export class TrustarConfigError extends CallerError {
  constructor(missing: readonly string[]) {
    super(errors.NOT_CONFIGURED.code, `[trustar] is missing ${missing.join(', ')}`);
  }
}
