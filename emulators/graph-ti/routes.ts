// /beta/security/tiIndicators (deprecated, beta only): create (201), list ($filter on externalId and
// targetProduct, $top, $select, @odata.nextLink), get, update (204, or 200 with
// Prefer: return=representation) and delete (204). Another app's indicators answer 404, as if absent.
// https://learn.microsoft.com/graph/api/tiindicators-post?view=graph-rest-beta
// https://learn.microsoft.com/graph/api/tiindicators-list?view=graph-rest-beta
// https://learn.microsoft.com/graph/api/tiindicator-update?view=graph-rest-beta
// https://learn.microsoft.com/graph/api/tiindicator-delete?view=graph-rest-beta
import { badRequest, graphError, notFound } from '../graph/errors.js';
import { contextUrl, isResponse, objectBody, parseSelect, project } from '../graph/odata.js';
import { listEntities } from '../graph/paging.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { tiBulkRoutes } from './bulk.js';
import { KNOWN, PROPERTIES } from './fields.js';
import { parseTiFilter, TiFilterError, type TiPredicate } from './filter.js';
import { ingest, render } from './ingest.js';
import { tiRoute } from './route.js';
import { tiOf } from './store.js';
import { updateProblem } from './validate.js';

const ENTITY_SET = 'Security/tiIndicators';
const SHAPE = { entitySet: ENTITY_SET, known: KNOWN, typeName: 'tiIndicator', defaults: PROPERTIES };

const own = (ctx: EmulatorContext, call: GraphCall) => tiOf(ctx).tenants.of(call.principal.tenantId);

function create(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  const body = objectBody(call);
  if (isResponse(body)) return body;
  const r = ingest(ctx, call, body);
  if ('problem' in r) return graphError(call, 400, r.problem.code, r.problem.message);
  return {
    status: 201,
    body: {
      '@odata.context': contextUrl(ctx, call, ENTITY_SET, undefined, true),
      ...render(r.entity),
      ...r.extras,
    },
  };
}

function list(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  const raw = call.query.get('$filter');
  let keep: TiPredicate = () => true;
  if (raw !== null && raw.trim() !== '') {
    try {
      keep = parseTiFilter(raw);
    } catch (error) {
      if (error instanceof TiFilterError) return badRequest(call, error.message, 'BadRequest');
      throw error;
    }
  }
  return listEntities(
    ctx,
    call,
    {
      ...SHAPE,
      defaultPage: 100,
      path: 'security/tiIndicators',
      ...(raw ? { carry: { $filter: raw } } : {}),
    },
    () => {
      const items = own(ctx, call).owned(call.principal.appId).filter(keep);
      return { size: items.length, at: (i) => items[i] };
    },
  );
}

function get(ctx: EmulatorContext, call: GraphCall, id: string): GraphResponse {
  const select = parseSelect(call, KNOWN, 'tiIndicator');
  if (isResponse(select)) return select;
  const entity = own(ctx, call).get(call.principal.appId, id);
  if (!entity) return notFound(call, id);
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(ctx, call, ENTITY_SET, select, true),
      ...(select ? project(entity, select) : render(entity)),
    },
  };
}

function update(ctx: EmulatorContext, call: GraphCall, id: string): GraphResponse {
  const body = objectBody(call);
  if (isResponse(body)) return body;
  const entity = own(ctx, call).get(call.principal.appId, id);
  if (!entity) return notFound(call, id);
  const problem = updateProblem(body, entity);
  if (problem) return graphError(call, 400, problem.code, problem.message);
  for (const [k, v] of Object.entries(body)) if (k !== 'id' && KNOWN.has(k)) entity[k] = v;
  if (!/return=representation/i.test(call.headers.prefer ?? '')) return { status: 204 };
  return {
    status: 200,
    body: { '@odata.context': contextUrl(ctx, call, ENTITY_SET, undefined, true), ...render(entity) },
  };
}

function remove(ctx: EmulatorContext, call: GraphCall, id: string): GraphResponse {
  return own(ctx, call).delete(call.principal.appId, id) ? { status: 204 } : notFound(call, id);
}

const COLLECTION = /^\/security\/tiIndicators$/i;
const ONE = /^\/security\/tiIndicators\/(?<id>[^/]+)$/i;

// The bulk actions come first: their paths would otherwise read as an indicator's id.
export const tiIndicatorRoutes: GraphRoute[] = [
  ...tiBulkRoutes,
  tiRoute('POST', COLLECTION, create),
  tiRoute('GET', COLLECTION, list),
  tiRoute('GET', ONE, get),
  tiRoute('PATCH', ONE, update),
  tiRoute('DELETE', ONE, remove),
];
