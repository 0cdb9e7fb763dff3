// Error catalogue of the Microsoft Graph connector and its typed errors.
import type { ErrorCatalogue } from '../../../platform/errors.js';
import {
  HttpStatusError,
  type HttpStatusErrorInit,
  HttpTransportError,
  type RequestTarget,
  remoteErrorParser,
  STANDARD_STATUSES,
  statusMapper,
} from '../../../platform/http/index.js';
import { graphErrorSchema } from './schemas.js';

export const errors = {
  THROTTLED: {
    code: 'GSOC_GRAPH_THROTTLED',
    actor: 'remote',
    summary: 'Microsoft Graph kept answering 429 Too Many Requests after all retries.',
    fix: 'The job retries later; lower its concurrency or rate limit if it happens often.',
  },
  AUTH_REJECTED: {
    code: 'GSOC_GRAPH_AUTH_REJECTED',
    actor: 'remote',
    summary: 'Graph refused the token (401 after one refresh) or the app lacks a permission (403).',
    fix: 'Grant the application permission named in the docs for this job and give admin consent.',
  },
  NOT_FOUND: {
    code: 'GSOC_GRAPH_NOT_FOUND',
    actor: 'remote',
    summary: 'The Graph object does not exist (404), e.g. a deleted user or message.',
    fix: 'Usually expected; the message names the path.',
  },
  REQUEST_REJECTED: {
    code: 'GSOC_GRAPH_REQUEST_REJECTED',
    actor: 'remote',
    summary: 'Graph rejected a request with a 4xx status; the message has its error code and message.',
    fix: 'A 400 usually means a bug in graphsoc; report it with the request id.',
  },
  SERVICE_FAILED: {
    code: 'GSOC_GRAPH_SERVICE_FAILED',
    actor: 'remote',
    summary: 'Graph answered with a 5xx status after all retries.',
    fix: 'Usually transient; check the Microsoft 365 service health page if it persists.',
  },
  DELTA_RESYNC_REQUIRED: {
    code: 'GSOC_GRAPH_DELTA_RESYNC_REQUIRED',
    actor: 'remote',
    summary: 'Graph no longer accepts a saved deltaLink (410 Gone, syncStateNotFound or resyncRequired).',
    fix: 'Nothing: the sync drops its saved deltaLink and starts a full round.',
  },
  FOREIGN_LINK: {
    code: 'GSOC_GRAPH_FOREIGN_LINK',
    actor: 'remote',
    summary:
      'Graph returned a nextLink or deltaLink on a different host than graphBaseUrl; it is not followed.',
    fix: 'Check graphBaseUrl (national clouds) and any proxy rewriting answers.',
  },
  BATCH_INVALID: {
    code: 'GSOC_GRAPH_BATCH_INVALID',
    actor: 'remote',
    summary: 'A $batch answer lacked an item or had an unknown id.',
    fix: 'Report it with the request id; the batch is retried on the next run.',
  },
} as const satisfies ErrorCatalogue;

/** A deltaLink Graph no longer accepts answers 410 Gone or one of these codes (any status). */
const graphStatus = statusMapper(errors, {
  table: STANDARD_STATUSES,
  exceptions: [
    { status: 410, entry: 'DELTA_RESYNC_REQUIRED' },
    {
      remoteCodes: ['syncStateNotFound', 'syncStateInvalid', 'resyncRequired'],
      entry: 'DELTA_RESYNC_REQUIRED',
    },
  ],
});

/** Reads Graph's error body into code, message, request id and date. */
export const parseGraphError = remoteErrorParser(graphErrorSchema, ({ error: e }, res) => {
  const inner = e.innerError;
  return {
    code: e.code,
    message: e.message,
    requestId: inner?.['request-id'] ?? res.headers['request-id'],
    date: inner?.date,
    extra: {
      ...(inner?.['client-request-id'] ? { clientRequestId: inner['client-request-id'] } : {}),
      ...(e.details?.length
        ? { details: e.details.slice(0, 10).map((d) => ({ code: d.code, target: d.target })) }
        : {}),
    },
  };
});

/** A Graph error answer: status, Graph error code and message, request-id, date and host. */
export class GraphError extends HttpStatusError {
  constructor(init: HttpStatusErrorInit) {
    super(init, graphStatus(init));
  }

  /** True when the caller must drop its deltaLink and start a new delta round. */
  get resyncRequired(): boolean {
    return this.code === errors.DELTA_RESYNC_REQUIRED.code;
  }
}

export function foreignLinkError(
  target: RequestTarget,
  link: string,
  expectedHost: string,
): HttpTransportError {
  let host = 'an invalid URL';
  try {
    host = new URL(link).host;
  } catch {
    // keep the placeholder
  }
  return new HttpTransportError(
    errors.FOREIGN_LINK,
    `${target.service} ${target.method} ${target.host}${target.path}: refusing a link to ${host}; only ${expectedHost} is followed`,
    target,
  );
}

export function batchInvalidError(target: RequestTarget, why: string): HttpTransportError {
  return new HttpTransportError(
    errors.BATCH_INVALID,
    `${target.service} POST ${target.host}${target.path}: ${why}`,
    target,
  );
}
