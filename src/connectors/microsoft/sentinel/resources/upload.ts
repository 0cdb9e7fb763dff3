// The two upload calls: STIX objects (`stixobjects`, 2024-02-01-preview) and the legacy Upload
// Indicators API v2 (`indicators`, 2022-07-01). Each takes at most 100 objects and answers per-record
// refusals by index; 200 with an empty body means all were taken. An upload is idempotent (the same
// STIX id and `modified` again is the same version), so it is marked safe to repeat after a 429, 503,
// 504 or a timeout. https://learn.microsoft.com/azure/sentinel/stix-objects-api
// https://learn.microsoft.com/azure/sentinel/upload-indicators-api
import {
  type ConnectorCallOptions,
  connectorCall,
  parseJson,
  responseTarget,
  safePath,
  tryJson,
} from '../../../../platform/http/index.js';
import type { SentinelClient } from '../client.js';
import { uploadErrorsSchema } from '../schemas.js';
import type { SentinelApi, UploadResult } from '../types.js';

export const MAX_OBJECTS_PER_UPLOAD = 100;

const CALLS: Readonly<Record<SentinelApi, { action: string; apiVersion: string; key: string }>> = {
  'stix-objects': {
    action: 'threat-intelligence-stix-objects:upload',
    apiVersion: '2024-02-01-preview',
    key: 'stixobjects',
  },
  'upload-indicators': {
    action: 'threatintelligenceindicators:upload',
    apiVersion: '2022-07-01',
    key: 'indicators',
  },
};

/** Uploads up to 100 STIX objects through the STIX objects API. */
export function uploadStixObjects(
  client: SentinelClient,
  objects: readonly object[],
  o?: ConnectorCallOptions,
): Promise<UploadResult> {
  return upload(client, 'stix-objects', objects, o);
}

/** Uploads up to 100 STIX indicators through the legacy Upload Indicators API v2. */
export function uploadIndicators(
  client: SentinelClient,
  indicators: readonly object[],
  o?: ConnectorCallOptions,
): Promise<UploadResult> {
  return upload(client, 'upload-indicators', indicators, o);
}

/** The call the connection's `api` names. */
export function uploadObjects(
  client: SentinelClient,
  objects: readonly object[],
  o?: ConnectorCallOptions,
): Promise<UploadResult> {
  return upload(client, client.connection.api, objects, o);
}

async function upload(
  client: SentinelClient,
  api: SentinelApi,
  objects: readonly object[],
  o: ConnectorCallOptions = {},
): Promise<UploadResult> {
  if (objects.length > MAX_OBJECTS_PER_UPLOAD)
    throw new RangeError(
      `Sentinel takes at most ${MAX_OBJECTS_PER_UPLOAD} objects per upload, not ${objects.length}`,
    );
  const call = CALLS[api];
  const res = await client.http.request({
    ...connectorCall(pathOf(client, call.action), {
      ...o,
      query: { 'api-version': call.apiVersion },
      idempotent: true,
    }),
    method: 'POST',
    json: { sourcesystem: client.connection.sourceSystem, [call.key]: objects },
    // A 400 whose body lists per-record errors means no object was valid: an answer, not a failure.
    acceptStatus: [400],
  });
  const target = responseTarget(client.http.service, 'POST', res);
  if (res.status === 400) {
    const parsed = uploadErrorsSchema.safeParse(tryJson(res));
    if (!parsed.success) throw client.http.errorFor(res, 'POST');
    return { errors: byIndex(parsed.data.errors) };
  }
  if (res.body.length === 0) return { errors: new Map() };
  return { errors: byIndex(parseJson(res, uploadErrorsSchema, target).errors) };
}

/** The upload with no objects that ping sends: 400 is the expected answer. */
export async function pingUpload(client: SentinelClient): Promise<void> {
  const call = CALLS[client.connection.api];
  const res = await client.http.request({
    ...connectorCall(pathOf(client, call.action), {
      query: { 'api-version': call.apiVersion },
      idempotent: true,
    }),
    method: 'POST',
    json: { sourcesystem: client.connection.sourceSystem, [call.key]: [] },
    acceptStatus: [200, 400],
  });
  res.stream?.resume();
}

/** The action's last segment has a literal colon, which must reach Sentinel unencoded. */
const pathOf = (client: SentinelClient, action: string): string =>
  `${safePath`workspaces/${client.connection.workspaceId}`}/${action}`;

function byIndex(
  errors: ReadonlyArray<{ recordIndex: number; errorMessages: string[] }>,
): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const e of errors) out.set(e.recordIndex, [...(out.get(e.recordIndex) ?? []), ...e.errorMessages]);
  return out;
}
