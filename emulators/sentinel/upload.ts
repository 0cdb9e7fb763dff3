// The two upload APIs over one workspace store: the STIX objects API (`stixobjects`, five object types,
// api-version 2024-02-01-preview) and the legacy Upload Indicators API v2 (`indicators`, indicators
// only, api-version 2022-07-01). Both take at most 100 objects, need `sourcesystem` (not "Microsoft
// Sentinel"), answer 200 with per-record errors when any object was accepted, 400 when none was.
// https://learn.microsoft.com/azure/sentinel/stix-objects-api
// https://learn.microsoft.com/azure/sentinel/upload-indicators-api
import type { EmulatorContext } from '../microsoft/context.js';
import type { Principal } from '../identity/caller.js';
import { AUTH_MESSAGES, authorize } from './auth.js';
import { apiError, recordErrors, type SentinelResponse, throttled } from './errors.js';
import type { SentinelState } from './store.js';
import { STIX_OBJECT_TYPES, validateObject } from './validate.js';

export type UploadApi = 'stix-objects' | 'upload-indicators';

interface ApiShape {
  apiVersion: string;
  arrayKey: string;
  types: readonly string[];
}

const APIS: Record<UploadApi, ApiShape> = {
  'stix-objects': { apiVersion: '2024-02-01-preview', arrayKey: 'stixobjects', types: STIX_OBJECT_TYPES },
  'upload-indicators': { apiVersion: '2022-07-01', arrayKey: 'indicators', types: ['indicator'] },
};

export const MAX_OBJECTS = 100;

export interface UploadRequest {
  api: UploadApi;
  workspaceId: string;
  apiVersion: string | null;
  authorization: string | undefined;
  body: unknown;
}

export async function upload(
  ctx: EmulatorContext,
  state: SentinelState,
  r: UploadRequest,
  onCaller: (p: Principal) => void,
): Promise<SentinelResponse> {
  const shape = APIS[r.api];
  state.counts.requests += 1;
  if (r.apiVersion !== shape.apiVersion)
    return apiError(
      400,
      `The api-version '${r.apiVersion ?? ''}' is not supported; use ${shape.apiVersion}.`,
    );
  const ws = state.byId(r.workspaceId);
  const auth = await authorize(ctx, r.authorization, ws);
  if ('principal' in auth) onCaller(auth.principal);
  if ('failure' in auth) {
    if (auth.failure === 'wrong-tenant' || auth.failure === 'not-contributor')
      return apiError(
        403,
        `The client does not have authorization to upload threat intelligence to workspace '${r.workspaceId}'; it needs the Microsoft Sentinel Contributor role on it.`,
      );
    return apiError(401, `Unauthorized. ${AUTH_MESSAGES[auth.failure]}`);
  }
  if (!ws) return apiError(404, `Workspace '${r.workspaceId}' was not found.`);
  const rate = state.rate.take(`${r.api}/${auth.principal.appId.toLowerCase()}`);
  if (!rate.ok) {
    state.counts.throttled += 1;
    return throttled(rate.retryAfterSec);
  }
  const bad = badFormat(r.body, shape);
  if (bad) return apiError(400, bad);
  const body = r.body as Record<string, unknown>;
  const sourceSystem = String(body.sourcesystem);
  const objects = body[shape.arrayKey] as unknown[];
  const errors: Array<{ recordIndex: number; errorMessages: string[] }> = [];
  let accepted = 0;
  for (const [recordIndex, object] of objects.entries()) {
    const errorMessages = validateObject(object, shape.types);
    if (errorMessages.length > 0) {
      errors.push({ recordIndex, errorMessages });
      continue;
    }
    accepted += 1;
    state.put(ws, object as Record<string, unknown>, sourceSystem, r.api);
  }
  state.counts.objects += accepted;
  state.counts.rejected += errors.length;
  const answer = recordErrors(errors, accepted > 0);
  if (answer.status === 200) state.counts.uploads += 1;
  return answer;
}

/** What makes a request "not correctly formatted" as a whole (400 before any object is looked at). */
function badFormat(body: unknown, shape: ApiShape): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'The request body must be a JSON object.';
  const b = body as Record<string, unknown>;
  if (typeof b.sourcesystem !== 'string' || b.sourcesystem.trim() === '')
    return 'Error for Property=sourcesystem: Required property is missing. Actual value: NULL.';
  if (b.sourcesystem.trim().toLowerCase() === 'microsoft sentinel')
    return 'Error for Property=sourcesystem: The value Microsoft Sentinel is restricted.';
  const list = b[shape.arrayKey];
  if (!Array.isArray(list))
    return `Error for Property=${shape.arrayKey}: Required property is missing. Actual value: NULL.`;
  if (list.length === 0) return `Error for Property=${shape.arrayKey}: At least one object is required.`;
  if (list.length > MAX_OBJECTS)
    return `Error for Property=${shape.arrayKey}: At most ${MAX_OBJECTS} objects are allowed per request. Actual value: ${list.length}.`;
  return undefined;
}
