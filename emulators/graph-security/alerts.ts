// /security/alerts_v2 and /security/incidents (microsoft.graph.security, v1.0): list with $filter, $top,
// $skip, $count and nextLink paging; get by id; incidents with $expand=alerts and /incidents/{id}/alerts.
// https://learn.microsoft.com/graph/api/security-list-alerts_v2
// https://learn.microsoft.com/graph/api/security-alert-get
// https://learn.microsoft.com/graph/api/security-list-incidents
// https://learn.microsoft.com/graph/api/security-incident-get
import type { EmulatorContext } from '../microsoft/context.js';
import { badRequest } from '../graph/errors.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import { entityContext, listCollection, securityNotFound } from './collection.js';
import type { GraphObject, TenantSecurity } from './store.js';

export const ALERTS_READ = ['SecurityAlert.Read.All', 'SecurityAlert.ReadWrite.All'];
export const INCIDENTS_READ = ['SecurityIncident.Read.All', 'SecurityIncident.ReadWrite.All'];

/** The properties the list alerts_v2 page says support $filter, plus evidence (the migration guide's examples). */
const ALERT_FILTERABLE = new Set([
  'assignedTo',
  'classification',
  'determination',
  'createdDateTime',
  'lastUpdateDateTime',
  'severity',
  'serviceSource',
  'status',
  'evidence',
]);
const INCIDENT_FILTERABLE = new Set([
  'assignedTo',
  'classification',
  'createdDateTime',
  'determination',
  'lastUpdateDateTime',
  'severity',
  'status',
]);
const ALERT_PAGE = { max: 2000, default: 2000 };
const INCIDENT_PAGE = { max: 50, default: 50 };

export const securityAlertRoutes: GraphRoute[] = [
  { method: 'GET', pattern: /^\/security\/alerts_v2$/i, roles: ALERTS_READ, handle: listAlerts },
  { method: 'GET', pattern: /^\/security\/alerts_v2\/(?<id>[^/]+)$/i, roles: ALERTS_READ, handle: getAlert },
  { method: 'GET', pattern: /^\/security\/incidents$/i, roles: INCIDENTS_READ, handle: listIncidents },
  {
    method: 'GET',
    pattern: /^\/security\/incidents\/(?<id>[^/]+)$/i,
    roles: INCIDENTS_READ,
    handle: getIncident,
  },
  {
    method: 'GET',
    pattern: /^\/security\/incidents\/(?<id>[^/]+)\/alerts$/i,
    roles: INCIDENTS_READ,
    handle: incidentAlerts,
  },
];

function tenant(ctx: EmulatorContext, call: GraphCall): TenantSecurity {
  return ctx.state.security.of(call.principal.tenantId);
}

function listAlerts(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  return listCollection(ctx, call, tenant(ctx, call).alertsNewestFirst(), {
    entitySet: 'security/alerts_v2',
    maxTop: ALERT_PAGE.max,
    defaultTop: ALERT_PAGE.default,
    filterable: ALERT_FILTERABLE,
  });
}

function getAlert(ctx: EmulatorContext, call: GraphCall, params: Record<string, string>): GraphResponse {
  const id = params.id ?? '';
  const alert = tenant(ctx, call).alertsV2.get(id);
  if (!alert) return securityNotFound(call, 'alert', id);
  return {
    status: 200,
    body: { '@odata.context': entityContext(ctx, call, 'security/alerts_v2'), ...alert },
  };
}

function listIncidents(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  const expand = parseExpand(call);
  if (typeof expand !== 'boolean') return expand;
  const t = tenant(ctx, call);
  return listCollection(
    ctx,
    call,
    t.incidentsNewestFirst(),
    {
      entitySet: 'security/incidents',
      maxTop: INCIDENT_PAGE.max,
      defaultTop: INCIDENT_PAGE.default,
      filterable: INCIDENT_FILTERABLE,
    },
    (i) => withAlerts(t, i, expand),
  );
}

function getIncident(ctx: EmulatorContext, call: GraphCall, params: Record<string, string>): GraphResponse {
  const expand = parseExpand(call);
  if (typeof expand !== 'boolean') return expand;
  const id = params.id ?? '';
  const t = tenant(ctx, call);
  const incident = t.incidents.get(id);
  if (!incident) return securityNotFound(call, 'incident', id);
  return {
    status: 200,
    body: {
      '@odata.context': entityContext(ctx, call, 'security/incidents'),
      ...withAlerts(t, incident, expand),
    },
  };
}

function incidentAlerts(
  ctx: EmulatorContext,
  call: GraphCall,
  params: Record<string, string>,
): GraphResponse {
  const id = params.id ?? '';
  const t = tenant(ctx, call);
  if (!t.incidents.has(id)) return securityNotFound(call, 'incident', id);
  return listCollection(ctx, call, t.alertsOfIncident(id), {
    entitySet: `security/incidents('${id}')/alerts`,
    maxTop: ALERT_PAGE.max,
    defaultTop: ALERT_PAGE.default,
    filterable: ALERT_FILTERABLE,
  });
}

/** `$expand=alerts` is the one navigation property an incident has. */
function parseExpand(call: GraphCall): boolean | GraphResponse {
  const raw = call.query.get('$expand');
  if (raw === null || raw.trim() === '') return false;
  const props = raw.split(',').map((p) => p.trim());
  const unknown = props.find((p) => p.toLowerCase() !== 'alerts');
  if (unknown !== undefined) {
    return badRequest(
      call,
      `Could not find a property named '${unknown}' on type 'microsoft.graph.security.incident'.`,
      'BadRequest',
    );
  }
  return true;
}

function withAlerts(t: TenantSecurity, incident: GraphObject, expand: boolean): Record<string, unknown> {
  const shaped: Record<string, unknown> = {
    '@odata.type': '#microsoft.graph.security.incident',
    ...incident,
  };
  if (expand) shaped.alerts = t.alertsOfIncident(incident.id);
  return shaped;
}
