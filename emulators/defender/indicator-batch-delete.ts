// POST /api/indicators/BatchDelete {"IndicatorIds":[…]}: 204 when every id existed and all are
// deleted; 400 for an empty list, more than 500 ids or an id that is not a string of digits; 404 when
// any id is not found, and then nothing is deleted (the page: "404 … if any of the indicators were
// not found"). An app with Ti.ReadWrite alone cannot see other apps' indicators, so to it they are not
// found. 30 calls a minute (rate.ts, bulk).
// https://learn.microsoft.com/defender-endpoint/api/batch-delete-ti-indicators
import { DEFENDER_ROLES } from './auth.js';
import { type DefenderResponse, defenderError, invalidBody, notFound } from './errors.js';
import { MAX_BATCH } from './indicator-import.js';
import { seesAll } from './indicator-write.js';
import type { DefenderCall, DefenderRoute } from './types.js';

const ID = /^\d{1,20}$/;

function batchDelete(call: DefenderCall): DefenderResponse {
  const b = call.body;
  const ids =
    typeof b === 'object' && b !== null && !Array.isArray(b)
      ? (b as Record<string, unknown>).IndicatorIds
      : undefined;
  if (!Array.isArray(ids)) return invalidBody(call.requestId, 'Request body is incorrect');
  if (ids.length === 0) return invalidBody(call.requestId, 'IndicatorIds list is empty.');
  if (ids.length > MAX_BATCH)
    return defenderError(
      call.requestId,
      400,
      'MaximumBatchSizeExceeded',
      `Maximum batch size exceeded. Received: ${ids.length}, allowed: ${MAX_BATCH}.`,
    );
  const bad = ids.find((id) => !(typeof id === 'string' || typeof id === 'number') || !ID.test(String(id)));
  if (bad !== undefined)
    return invalidBody(call.requestId, `Invalid indicator id: ${String(bad).slice(0, 50)}`);
  const wanted = [...new Set(ids.map(String))];
  const store = call.tenant.indicators;
  const all = seesAll(call);
  const missing = wanted.filter((id) => {
    const found = store.get(id);
    return !found || (!all && found.createdBy !== call.principal.appId);
  });
  if (missing.length > 0) return notFound(call.requestId, `Indicators ${missing.slice(0, 10).join(', ')}`);
  for (const id of wanted) store.delete(id);
  return { status: 204 };
}

export const batchDeleteRoute: DefenderRoute = {
  method: 'POST',
  url: '/api/indicators/BatchDelete',
  roles: DEFENDER_ROLES.writeIndicators,
  rateApi: 'indicators-batchdelete',
  bulk: true,
  handle: batchDelete,
};
