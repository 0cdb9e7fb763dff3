// The tiIndicators actions on many at once. submitTiIndicators takes up to 100, answers 200 when all
// were created and 206 when some were not, each refused item carrying its error as a JSON-encoded
// string in `Error` (microsoft-graph-docs-contrib#329); 400 when the body cannot be read.
// deleteTiIndicators and deleteTiIndicatorsByExternalId answer one resultInfo per value, in order.
// The resultInfo codes (0 deleted, 404 none of the app's) are assumed: the pages show only
// placeholders. By externalId, every one of the app's indicators with it goes.
// https://learn.microsoft.com/graph/api/tiindicator-submittiindicators?view=graph-rest-beta
// https://learn.microsoft.com/graph/api/tiindicator-deletetiindicators?view=graph-rest-beta
// https://learn.microsoft.com/graph/api/tiindicator-deletetiindicatorsbyexternalid?view=graph-rest-beta
import { badRequest } from '../graph/errors.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { MAX_PER_SUBMIT } from './fields.js';
import { ingest, render } from './ingest.js';
import { tiRoute } from './route.js';
import { tiOf } from './store.js';

/** The `value` array of a bulk body, or the 400 for a body that is not one. */
function values(call: GraphCall): unknown[] | GraphResponse {
  const b = call.body as { value?: unknown } | null | undefined;
  if (typeof b !== 'object' || b === null || !Array.isArray(b.value))
    return badRequest(call, 'The request body must be a JSON object with a value array.', 'BadRequest');
  return b.value;
}

function submit(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  const items = values(call);
  if (!Array.isArray(items)) return items;
  if (items.length === 0 || items.length > MAX_PER_SUBMIT)
    return badRequest(call, `Submit between 1 and ${MAX_PER_SUBMIT} indicators per request.`, 'BadRequest');
  let failed = false;
  const value = items.map((item) => {
    const r = ingest(ctx, call, item);
    if ('entity' in r)
      return { '@odata.type': '#microsoft.graph.tiIndicator', ...render(r.entity), ...r.extras };
    failed = true;
    const externalId = (item as { externalId?: unknown } | null)?.externalId;
    const error = { error: { ...r.problem, target: `|${call.requestId}_` } };
    return { ...(typeof externalId === 'string' ? { externalId } : {}), Error: JSON.stringify(error) };
  });
  return {
    status: failed ? 206 : 200,
    body: {
      '@odata.context': `${ctx.urls.graph}/beta/$metadata#Collection(microsoft.graph.tiIndicator)`,
      value,
    },
  };
}

const DELETED = { code: 0, message: 'Deleted', subCode: null };
const missing = (what: string, v: unknown) => ({
  code: 404,
  message: `No indicator of this application has ${what} '${String(v)}'.`,
  subCode: 'NotFound',
});

function deleteEach(deleteOne: (ctx: EmulatorContext, call: GraphCall, v: string) => boolean, what: string) {
  return (ctx: EmulatorContext, call: GraphCall): GraphResponse => {
    const items = values(call);
    if (!Array.isArray(items)) return items;
    const value = items.map((v) =>
      typeof v === 'string' && deleteOne(ctx, call, v) ? DELETED : missing(what, v),
    );
    return {
      status: 200,
      body: {
        '@odata.context': `${ctx.urls.graph}/beta/$metadata#Collection(microsoft.graph.resultInfo)`,
        value,
      },
    };
  };
}

const tenant = (ctx: EmulatorContext, call: GraphCall) => tiOf(ctx).tenants.of(call.principal.tenantId);

const action = (name: string) => new RegExp(`^/security/tiIndicators/(?:microsoft\\.graph\\.)?${name}$`, 'i');

export const tiBulkRoutes: GraphRoute[] = [
  tiRoute('POST', action('submitTiIndicators'), submit),
  tiRoute(
    'POST',
    action('deleteTiIndicators'),
    deleteEach((ctx, call, id) => tenant(ctx, call).delete(call.principal.appId, id), 'id'),
  ),
  tiRoute(
    'POST',
    action('deleteTiIndicatorsByExternalId'),
    deleteEach(
      (ctx, call, ext) => tenant(ctx, call).deleteByExternalId(call.principal.appId, ext) > 0,
      'externalId',
    ),
  ),
];
