// Legacy /security/alerts (namespace microsoft.graph, deprecated): list with any OData $filter the seed relay
// sends (fileStates/any(...), networkConnections/any(...), hostStates/any(...)), $top up to 1,000 and $skip
// up to 500, in one page; get by id.
// https://learn.microsoft.com/graph/api/alert-list  https://learn.microsoft.com/graph/api/alert-get
import type { EmulatorContext } from '../microsoft/context.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import { entityContext, listCollection, securityNotFound } from './collection.js';

export const SECURITY_EVENTS_READ = ['SecurityEvents.Read.All', 'SecurityEvents.ReadWrite.All'];

export const securityLegacyRoutes: GraphRoute[] = [
  { method: 'GET', pattern: /^\/security\/alerts$/i, roles: SECURITY_EVENTS_READ, handle: listLegacy },
  {
    method: 'GET',
    pattern: /^\/security\/alerts\/(?<id>[^/]+)$/i,
    roles: SECURITY_EVENTS_READ,
    handle: getLegacy,
  },
];

function listLegacy(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  const all = ctx.state.security.of(call.principal.tenantId).legacyNewestFirst();
  return listCollection(
    ctx,
    call,
    all,
    { entitySet: 'security/alerts', maxTop: 1000, defaultTop: 1000, maxSkip: 500, noNextLink: true },
    (a) => ({ '@odata.type': '#microsoft.graph.alert', ...a }),
  );
}

function getLegacy(ctx: EmulatorContext, call: GraphCall, params: Record<string, string>): GraphResponse {
  const id = params.id ?? '';
  const alert = ctx.state.security.of(call.principal.tenantId).legacyAlerts.get(id);
  if (!alert) return securityNotFound(call, 'alert', id);
  return { status: 200, body: { '@odata.context': entityContext(ctx, call, 'security/alerts'), ...alert } };
}
