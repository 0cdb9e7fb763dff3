// POST /api/indicators/import: up to 500 indicators per call, each validated and upserted on its own;
// 200 with one result per item in request order ({id, indicator, isFailed, failureReason}). More than
// 500 is 400 MaximumBatchSizeExceeded, an empty list 400 InvalidRequestBody (OpenCTI's synchronizer
// relies on that 400 as a write-permission preflight). 30 calls a minute (rate.ts, bulk).
// https://learn.microsoft.com/defender-endpoint/api/import-ti-indicators
import { DEFENDER_ROLES } from './auth.js';
import { type DefenderResponse, defenderError, invalidBody } from './errors.js';
import { writeIndicator } from './indicator-write.js';
import type { DefenderCall, DefenderRoute } from './types.js';

export const MAX_BATCH = 500;

function importIndicators(call: DefenderCall): DefenderResponse {
  const b = call.body;
  const list =
    typeof b === 'object' && b !== null && !Array.isArray(b)
      ? (b as Record<string, unknown>).Indicators
      : undefined;
  if (!Array.isArray(list)) return invalidBody(call.requestId, 'Request body is incorrect');
  if (list.length === 0) return invalidBody(call.requestId, 'Indicators list is empty.');
  if (list.length > MAX_BATCH)
    return defenderError(
      call.requestId,
      400,
      'MaximumBatchSizeExceeded',
      `Maximum batch size exceeded. Received: ${list.length}, allowed: ${MAX_BATCH}.`,
    );
  const value = list.map((item) => {
    const r = writeIndicator(call, item);
    const raw = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    const indicator = typeof raw.indicatorValue === 'string' ? raw.indicatorValue : null;
    return r.ok
      ? { id: r.stored.id, indicator, isFailed: false, failureReason: null }
      : { id: null, indicator, isFailed: true, failureReason: r.message };
  });
  return { status: 200, body: { value } };
}

export const importRoute: DefenderRoute = {
  method: 'POST',
  url: '/api/indicators/import',
  roles: DEFENDER_ROLES.writeIndicators,
  rateApi: 'indicators-import',
  bulk: true,
  handle: importIndicators,
};
