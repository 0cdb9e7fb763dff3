// The bulk indicator APIs: import up to 500 indicators in one call (an upsert per item by type and
// value, each answered on its own) and BatchDelete up to 500 ids (all or nothing: one unknown id
// fails the call with 404 and deletes none). Both allow 30 calls a minute; a 429 is waited out by
// the retry step after its Retry-After, more often than for other calls because bulk work is
// expected to meet the limit.
import {
  connectorCall,
  HttpOptionsError,
  parseJson,
  type RetryOptions,
  responseTarget,
} from '../../../../platform/http/index.js';
import type { DefenderClient, DefenderRequest } from '../client.js';
import { importAnswerSchema } from '../schemas.js';
import type { ImportIndicator, ImportResult } from '../types.js';

/** Items or ids per bulk call. */
export const MAX_BULK = 500;

/** Retries of a bulk call on 429/503/504 unless the caller sets its own (OpenCTI's synchronizer uses 8). */
const BULK_RETRY: Partial<RetryOptions> = { maxRetries: 8 };

function bulkCall(path: string, body: unknown, o: DefenderRequest) {
  // A 429 or 503 means nothing was written; import is an upsert, so repeating either is safe.
  return { ...connectorCall(path, { ...o, idempotent: true, retry: o.retry ?? BULK_RETRY }), json: body };
}

/** A bug of the caller's batching, refused before a call Defender would answer 400. */
function checkSize(what: string, n: number): void {
  if (n < 1 || n > MAX_BULK)
    throw new HttpOptionsError(`defender ${what}: between 1 and ${MAX_BULK} per call, got ${n}`);
}

/**
 * One result per item, in order: `isFailed` with Defender's `failureReason`, or the indicator's id.
 * @link https://learn.microsoft.com/defender-endpoint/api/import-ti-indicators
 */
export async function importIndicators(
  client: DefenderClient,
  items: readonly ImportIndicator[],
  o: DefenderRequest = {},
): Promise<ImportResult[]> {
  checkSize('importIndicators', items.length);
  const res = await client.http.request({
    ...bulkCall('indicators/import', { Indicators: items }, o),
    method: 'POST',
  });
  return parseJson(res, importAnswerSchema(items.length), responseTarget(client.http.service, 'POST', res))
    .value;
}

/**
 * Deletes every id or none: a DefenderError with status 404 when any is unknown (expired, deleted).
 * @link https://learn.microsoft.com/defender-endpoint/api/batch-delete-ti-indicators
 */
export async function batchDeleteIndicators(
  client: DefenderClient,
  ids: readonly string[],
  o: DefenderRequest = {},
): Promise<void> {
  checkSize('batchDeleteIndicators', ids.length);
  await client.http.request({
    ...bulkCall('indicators/BatchDelete', { IndicatorIds: ids }, o),
    method: 'POST',
  });
}
