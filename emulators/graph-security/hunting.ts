// POST /security/runHuntingQuery: evaluates the KQL query against AlertInfo and AlertEvidence derived from
// the tenant's alerts_v2, within the Timespan (default 30 days), with the service's limits: queries up to
// 10,000 characters, at most 100,000 result rows, and a per-tenant call quota answered with 429.
// https://learn.microsoft.com/graph/api/security-security-runhuntingquery
// https://learn.microsoft.com/graph/api/resources/security-huntingqueryresults
// https://learn.microsoft.com/defender-xdr/api-advanced-hunting  (limits)
import type { EmulatorContext } from '../microsoft/context.js';
import { badRequest, tooManyRequests } from '../graph/errors.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import { alertEvidenceTable, alertInfoTable } from './hunting-tables.js';
import { parseTimespan, type Window } from './hunting-timespan.js';
import { KqlError, type Table } from './kql/ast.js';
import { describeKqlError, runKql } from './kql/run.js';
import { SCHEMA_TYPE, serialize } from './kql/values.js';
import { isRecord, type TenantSecurity } from './store.js';

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

/**
 * A hunting table limited to the query window. Built once per data change with its rows newest
 * first, so the window is two binary searches and a slice instead of a pass over every row.
 */
function tableFor(security: TenantSecurity, name: string, window: Window): Table | undefined {
  const alerts = () => security.alertsNewestFirst();
  let full: { table: Table; times: number[] };
  if (name === 'AlertInfo') full = security.cached('AlertInfo', () => byTime(alertInfoTable(alerts())));
  else if (name === 'AlertEvidence')
    full = security.cached('AlertEvidence', () => byTime(alertEvidenceTable(alerts())));
  else return undefined;
  const from = firstAtOrBelow(full.times, window.endMs);
  const to = firstAtOrBelow(full.times, window.startMs - 1);
  return { columns: full.table.columns, rows: full.table.rows.slice(from, to) };
}

/** Rows with a Timestamp, newest first (stable), and their times for the binary search. */
function byTime(t: Table): { table: Table; times: number[] } {
  const timed = t.rows.filter((r) => r.Timestamp instanceof Date);
  const time = (r: Table['rows'][number]) => (r.Timestamp as Date).getTime();
  timed.sort((a, b) => time(b) - time(a));
  return { table: { columns: t.columns, rows: timed }, times: timed.map(time) };
}

/** Index of the first time <= limit in a descending list (its length when there is none). */
function firstAtOrBelow(times: readonly number[], limit: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) <= limit) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
