// POST /security/runHuntingQuery: evaluates the KQL query against AlertInfo and AlertEvidence derived from
// the tenant's alerts_v2, within the Timespan (default 30 days), with the service's limits: queries up to
// 10,000 characters, at most 100,000 result rows, and a per-tenant call quota answered with 429.
// https://learn.microsoft.com/graph/api/security-security-runhuntingquery
// https://learn.microsoft.com/graph/api/resources/security-huntingqueryresults
// https://learn.microsoft.com/defender-xdr/api-advanced-hunting  (limits)
import type { EmulatorContext } from './context.js';
import { badRequest, tooManyRequests } from './graph-errors.js';
import type { GraphRoute } from './graph-router.js';
import type { GraphCall, GraphResponse } from './graph-types.js';
import { alertEvidenceTable, alertInfoTable } from './hunting-tables.js';
import { parseTimespan, type Window } from './hunting-timespan.js';
import { KqlError, type Table } from './kql-ast.js';
import { describeKqlError, runKql } from './kql-run.js';
import { SCHEMA_TYPE, serialize } from './kql-values.js';
import { isRecord, type TenantSecurity } from './security-store.js';

export const THREAT_HUNTING_READ = ['ThreatHunting.Read.All'];
export const MAX_QUERY_CHARS = 10_000;
export const MAX_RESULT_ROWS = 100_000;

export const securityHuntingRoutes: GraphRoute[] = [
  {
    method: 'POST',
    pattern: /^\/security\/(microsoft\.graph\.security\.)?runHuntingQuery$/i,
    roles: THREAT_HUNTING_READ,
    handle: runHuntingQuery,
  },
];

function runHuntingQuery(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  const { tenantId } = call.principal;
  const quota = ctx.state.security.huntingThrottle.take('runHuntingQuery', tenantId);
  if (!quota.ok) {
    return tooManyRequests(
      call,
      String(quota.retryAfterSec),
      `Rate limit for advanced hunting queries is exceeded. Try again in ${quota.retryAfterSec} seconds.`,
    );
  }
  const params = bodyParams(call.body);
  const query = params.query;
  if (typeof query !== 'string' || query.trim() === '') {
    return badRequest(
      call,
      "The parameter 'Query' is required and must be a non-empty string.",
      'BadRequest',
    );
  }
  if (query.length > MAX_QUERY_CHARS) {
    return badRequest(
      call,
      `The query is ${query.length} characters long; the limit is ${MAX_QUERY_CHARS} characters.`,
      'BadRequest',
    );
  }
  const timespan = params.timespan;
  if (timespan !== undefined && timespan !== null && typeof timespan !== 'string') {
    return badRequest(call, "The parameter 'Timespan' must be a string.", 'BadRequest');
  }
  const now = Date.now();
  const window = parseTimespan(timespan ?? undefined, now);
  if (typeof window === 'string') return badRequest(call, window, 'BadRequest');

  const security = ctx.state.security.of(tenantId);
  let result: Table;
  try {
    result = runKql(query, (name) => tableFor(security, name, window), { now });
  } catch (error) {
    if (error instanceof KqlError) return badRequest(call, describeKqlError(query, error), 'BadRequest');
    throw error;
  }
  const rows = result.rows.slice(0, MAX_RESULT_ROWS);
  return {
    status: 200,
    body: {
      '@odata.context': `${ctx.urls.graph}/${call.version}/$metadata#microsoft.graph.security.huntingQueryResults`,
      schema: result.columns.map((c) => ({ name: c.name, type: SCHEMA_TYPE[c.type] })),
      results: rows.map((r) =>
        Object.fromEntries(result.columns.map((c) => [c.name, serialize(r[c.name], c.type)])),
      ),
    },
  };
}

/** Action parameters, matched case-insensitively (`Query` and `query` both work). */
function bodyParams(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) return {};
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k.toLowerCase(), v]));
}

/** A hunting table limited to the query window; built once per data change, filtered per query. */
function tableFor(security: TenantSecurity, name: string, window: Window): Table | undefined {
  const alerts = () => security.alertsNewestFirst();
  let full: Table;
  if (name === 'AlertInfo') full = security.cached('AlertInfo', () => alertInfoTable(alerts()));
  else if (name === 'AlertEvidence')
    full = security.cached('AlertEvidence', () => alertEvidenceTable(alerts()));
  else return undefined;
  const rows = full.rows.filter((r) => {
    const t = r.Timestamp;
    return t instanceof Date && t.getTime() >= window.startMs && t.getTime() <= window.endMs;
  });
  return { columns: full.columns, rows };
}
