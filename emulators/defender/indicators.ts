// Defender indicators: list (OData `eq` filter, $top up to 10,000, $skip and @odata.nextLink),
// submit or update one, delete one by id, and the bulk routes (import, BatchDelete) from their files.
// An app holding only Ti.ReadWrite sees and deletes only the indicators it created.
// https://learn.microsoft.com/defender-endpoint/api/get-ti-indicators-collection
// https://learn.microsoft.com/defender-endpoint/api/post-ti-indicator
import { DEFENDER_ROLES } from './auth.js';
import { type DefenderResponse, defenderError, invalidBody, notFound } from './errors.js';
import { batchDeleteRoute } from './indicator-batch-delete.js';
import { importRoute } from './indicator-import.js';
import { capReached, seesAll, visibleIndicators, writeIndicator } from './indicator-write.js';
import { listQuery } from './odata.js';
import type { DefenderCall, DefenderRoute } from './types.js';

/** The properties the list page documents for $filter (those our store holds). */
const FILTERABLE = [
  'application',
  'createdByDisplayName',
  'expirationTime',
  'title',
  'indicatorValue',
  'indicatorType',
  'creationTimeDateTimeUtc',
  'createdBy',
  'action',
  'severity',
];

function listIndicators(call: DefenderCall): DefenderResponse {
  const q = listQuery(call, FILTERABLE);
  if ('status' in q) return q;
  const rawSkip = call.query.get('$skip');
  if (rawSkip !== null && !/^\d{1,9}$/.test(rawSkip))
    return defenderError(
      call.requestId,
      400,
      'InvalidODataQuery',
      `Invalid value for $skip: ${rawSkip.slice(0, 50)}`,
    );
  const skip = rawSkip === null ? 0 : Number(rawSkip);
  const { filter } = q;
  const wanted = filter?.value.toLowerCase();
  const matching = visibleIndicators(call).filter(
    (o) => filter === undefined || String(o[filter.property] ?? '').toLowerCase() === wanted,
  );
  const value = matching.slice(skip, skip + q.top);
  const body: Record<string, unknown> = {
    '@odata.context': `${call.url.origin}/api/$metadata#Indicators`,
    value,
  };
  if (skip + q.top < matching.length) {
    const next = new URL(call.url.href);
    next.searchParams.set('$skip', String(skip + q.top));
    body['@odata.nextLink'] = next.href;
  }
  return { status: 200, body };
}

function submit(call: DefenderCall): DefenderResponse {
  const r = writeIndicator(call, call.body);
  if (r.ok) return { status: 200, body: r.stored };
  // The single-indicator page documents no answer for a full tenant; a 400 with our words.
  return r.kind === 'cap'
    ? defenderError(call.requestId, 400, 'BadRequest', capReached(call.indicatorCap))
    : invalidBody(call.requestId, r.message);
}

function deleteOne(call: DefenderCall): DefenderResponse {
  const id = call.params.id ?? '';
  const found = call.tenant.indicators.get(id);
  if (!found || (!seesAll(call) && found.createdBy !== call.principal.appId))
    return notFound(call.requestId, `Indicator ${id}`);
  call.tenant.indicators.delete(id);
  return { status: 204 };
}

export const defenderIndicatorRoutes: DefenderRoute[] = [
  {
    method: 'GET',
    url: '/api/indicators',
    roles: DEFENDER_ROLES.readIndicators,
    rateApi: 'indicators-read',
    handle: listIndicators,
  },
  {
    method: 'POST',
    url: '/api/indicators',
    roles: DEFENDER_ROLES.writeIndicators,
    rateApi: 'indicators-write',
    handle: submit,
  },
  {
    method: 'DELETE',
    url: '/api/indicators/:id',
    roles: DEFENDER_ROLES.writeIndicators,
    rateApi: 'indicators-write',
    handle: deleteOne,
  },
  importRoute,
  batchDeleteRoute,
];
