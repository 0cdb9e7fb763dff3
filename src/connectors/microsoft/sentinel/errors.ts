// Error catalogue of the Microsoft Sentinel upload connector and its typed error. Answers map by
// status; a 404 and a 403 add what usually causes them (a workspace name or the hyphen-less path
// instead of the workspace ID; a missing RBAC role), since Sentinel's own messages do not say.
import type { ErrorCatalogue } from '../../../platform/errors.js';
import {
  HttpStatusError,
  type HttpStatusErrorInit,
  remoteErrorParser,
  statusMapper,
} from '../../../platform/http/index.js';
import { sentinelErrorSchema } from './schemas.js';

export const parseSentinelError = remoteErrorParser(sentinelErrorSchema, (body) => ({
  message: body.message,
}));

export const errors = {
  THROTTLED: {
    code: 'GSOC_SENTINEL_THROTTLED',
    actor: 'remote',
    summary:
      'Sentinel kept answering 429 after all retries (the upload APIs allow 100 requests a minute per app).',
    fix: 'Wait the time in the message; another job or tool sharing the app registration may be using the budget.',
  },
  AUTH_REJECTED: {
    code: 'GSOC_SENTINEL_AUTH_REJECTED',
    actor: 'remote',
    summary: 'Sentinel refused the access token (401), even a freshly issued one.',
    fix: 'Check the tenant token scope: it must be https://management.azure.com/.default (managementScope).',
  },
  FORBIDDEN: {
    code: 'GSOC_SENTINEL_FORBIDDEN',
    actor: 'remote',
    summary:
      'The app may not upload to the workspace (403): it lacks the Microsoft Sentinel Contributor role.',
    fix: "Assign the app's service principal the Microsoft Sentinel Contributor role on the workspace (IAM).",
  },
  WORKSPACE_NOT_FOUND: {
    code: 'GSOC_SENTINEL_WORKSPACE_NOT_FOUND',
    actor: 'remote',
    summary: 'Sentinel does not know the workspace (404).',
    fix: "Set workspaceId to the workspace ID GUID from the workspace's Overview page (not its name); a hand-written URL needs threat-intelligence-stix-objects:upload with the hyphen.",
  },
  REQUEST_REJECTED: {
    code: 'GSOC_SENTINEL_REQUEST_REJECTED',
    actor: 'remote',
    summary: 'Sentinel rejected an upload as a whole with a 4xx status (bad format, api-version).',
    fix: 'Read the message; an upload graphsoc built that Sentinel calls malformed is a bug worth reporting.',
  },
  SERVICE_FAILED: {
    code: 'GSOC_SENTINEL_SERVICE_FAILED',
    actor: 'remote',
    summary: 'Sentinel answered with a 5xx status after the retries.',
    fix: 'Usually transient; the upload is sent again on the next run (it is idempotent by STIX id).',
  },
} as const satisfies ErrorCatalogue;

const sentinelStatus = statusMapper(errors, {
  table: {
    429: 'THROTTLED',
    401: 'AUTH_REJECTED',
    403: 'FORBIDDEN',
    404: 'WORKSPACE_NOT_FOUND',
    '5xx': 'SERVICE_FAILED',
    default: 'REQUEST_REJECTED',
  },
});

/** What usually lies behind a 404 or a 403 of the upload APIs, for the error message. */
export function hintFor(status: number, workspaceId: string): string | undefined {
  if (status === 404)
    return `workspace ${workspaceId} was not found: workspaceId must be the Log Analytics workspace ID (a GUID), and the path threat-intelligence-stix-objects:upload (the portal's threatintelligence-stix-objects:upload, without the hyphen, answers 404)`;
  if (status === 403)
    return `the app needs the Microsoft Sentinel Contributor role on workspace ${workspaceId}`;
  return undefined;
}

/** A Sentinel error answer: status, its message with a hint for 403/404, request id. */
export class SentinelError extends HttpStatusError {
  readonly workspaceId: string;
  constructor(init: HttpStatusErrorInit, workspaceId: string) {
    const hint = hintFor(init.status, workspaceId);
    super(
      hint === undefined ? init : { ...init, message: [init.message, hint].filter(Boolean).join('; ') },
      sentinelStatus(init),
    );
    this.workspaceId = workspaceId;
  }
}
