// Error catalogue of the Microsoft Defender for Endpoint connector and its typed error.
import type { ErrorCatalogue } from '../../../platform/errors.js';
import {
  HttpStatusError,
  type HttpStatusErrorInit,
  remoteErrorParser,
  STANDARD_STATUSES,
  statusMapper,
} from '../../../platform/http/index.js';
import { defenderErrorSchema } from './schemas.js';

/** Reads `{"error":{"code","message","target"}}`; `target` is the request id the API reports. */
export const parseDefenderError = remoteErrorParser(defenderErrorSchema, ({ error: e }) => ({
  code: e.code,
  message: e.message,
  requestId: e.target,
}));

export const errors = {
  THROTTLED: {
    code: 'GSOC_DEFENDER_THROTTLED',
    actor: 'remote',
    summary:
      'Defender for Endpoint kept answering 429 after all retries (machine actions and indicators allow 100 calls a minute, 1,500 an hour).',
    fix: 'Wait for the Retry-After period; spread bulk work over more time.',
  },
  AUTH_REJECTED: {
    code: 'GSOC_DEFENDER_AUTH_REJECTED',
    actor: 'remote',
    summary: 'Defender for Endpoint refused the token (401) or the app lacks the API permission (403).',
    fix: 'Grant the WindowsDefenderATP application permission named in docs/relay.md and give admin consent.',
  },
  NOT_FOUND: {
    code: 'GSOC_DEFENDER_NOT_FOUND',
    actor: 'remote',
    summary: 'The machine or indicator does not exist in Defender for Endpoint (404).',
    fix: 'Check the machine id or indicator; it may have been offboarded or deleted meanwhile.',
  },
  ACTION_PENDING: {
    code: 'GSOC_DEFENDER_ACTION_PENDING',
    actor: 'remote',
    summary:
      'A machine action of the same type is still pending on that machine (ActiveRequestAlreadyExists).',
    fix: 'Wait until the pending action finishes or cancel it in the Defender portal, then try again.',
  },
  REQUEST_REJECTED: {
    code: 'GSOC_DEFENDER_REQUEST_REJECTED',
    actor: 'remote',
    summary: 'Defender for Endpoint rejected a request with a 4xx status; the message has its error code.',
    fix: 'Read the error code and message; a 400 InvalidRequestBody usually means a bug worth reporting.',
  },
  SERVICE_FAILED: {
    code: 'GSOC_DEFENDER_SERVICE_FAILED',
    actor: 'remote',
    summary: 'Defender for Endpoint answered with a 5xx status after all retries.',
    fix: 'Usually transient; check the Microsoft 365 service health page if it persists.',
  },
} as const satisfies ErrorCatalogue;

/** A machine action of a type already pending answers 400 ActiveRequestAlreadyExists. */
const defenderStatus = statusMapper(errors, {
  table: STANDARD_STATUSES,
  exceptions: [{ status: 400, remoteCodes: ['ActiveRequestAlreadyExists'], entry: 'ACTION_PENDING' }],
});

/** A Defender for Endpoint error answer: status, its error code, message and target, request id. */
export class DefenderError extends HttpStatusError {
  constructor(init: HttpStatusErrorInit) {
    super(init, defenderStatus(init));
  }

  /** True for ActiveRequestAlreadyExists: the same machine action is already waiting to run. */
  get actionPending(): boolean {
    return this.code === errors.ACTION_PENDING.code;
  }
}
