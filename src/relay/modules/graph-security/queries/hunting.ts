// The one Advanced Hunting query the modern backend sends per relay request: every observable of the
// request in one `AlertEvidence` scan, joined with `AlertInfo`. One query instead of one call per
// observable keeps a request within the 45-calls-per-minute hunting budget.
// https://learn.microsoft.com/defender-xdr/advanced-hunting-alertevidence-table
import type { Observable } from '../../../protocol/schemas.js';
import { kqlList } from './kql.js';

/**
 * Observable type → the AlertEvidence column and operator that find it. AlertEvidence has no MD5
 * column, so md5 observables are answered by the legacy backend only.
 */
const MATCHERS: Record<string, { column: string; op: 'in' | 'in~' | 'has_any' }> = {
  sha256: { column: 'SHA256', op: 'in~' },
  sha1: { column: 'SHA1', op: 'in~' },
  ip: { column: 'RemoteIP', op: 'in' },
  ipv6: { column: 'RemoteIP', op: 'in~' },
  url: { column: 'RemoteUrl', op: 'in~' },
  domain: { column: 'RemoteUrl', op: 'has_any' },
  hostname: { column: 'DeviceName', op: 'in~' },
  file_name: { column: 'FileName', op: 'in~' },
  file_path: { column: 'FolderPath', op: 'in~' },
  user: { column: 'AccountUpn', op: 'in~' },
  email: { column: 'AccountUpn', op: 'in~' },
  ms_machine_id: { column: 'DeviceId', op: 'in' },
};

export const HUNTING_TYPES = Object.keys(MATCHERS);

export interface HuntingQueryOptions {
  /** Evidence rows to read at most; several rows usually belong to one alert. */
  maxRows: number;
}

/**
 * Builds the query, or undefined when no observable has a hunting column. The time window is not in
 * the text: it travels as the request's `Timespan` (huntingTimespan), which the service applies to
 * every table before the query runs.
 */
export function huntingQuery(observables: readonly Observable[], o: HuntingQueryOptions): string | undefined {
  const byClause = new Map<string, Set<string>>();
  for (const obs of observables) {
    const m = MATCHERS[obs.type];
    if (!m) continue;
    const key = `${m.column} ${m.op}`;
    const set = byClause.get(key) ?? new Set<string>();
    set.add(obs.value);
    byClause.set(key, set);
  }
  if (byClause.size === 0) return undefined;
  const clauses = [...byClause].map(([key, values]) => `${key} ${kqlList([...values])}`);
  // Only the columns that tell which observable matched come back, one row per alert and distinct
  // values: alert details come from alerts_v2, so more columns or repeated rows would only cost the
  // tenant's hunting quota and bytes on the wire.
  const columns = [...new Set([...byClause.keys()].map((k) => k.split(' ')[0] as string))];
  return [
    'AlertEvidence',
    `| where ${clauses.join(' or ')}`,
    '| join kind=inner (AlertInfo | project AlertId) on AlertId',
    `| summarize Timestamp=max(Timestamp) by AlertId, ${columns.join(', ')}`,
    '| order by Timestamp desc',
    `| take ${Math.trunc(o.maxRows)}`,
  ].join('\n');
}

/** Which of the request's observables a result row matches (the alert's sighting lists them). */
export function matchedObservables(
  row: Record<string, unknown>,
  observables: readonly Observable[],
): Observable[] {
  return observables.filter((obs) => {
    const m = MATCHERS[obs.type];
    if (!m) return false;
    const cell = row[m.column];
    if (typeof cell !== 'string' || cell === '') return false;
    const a = cell.toLowerCase();
    const b = obs.value.toLowerCase();
    if (m.op === 'has_any') return hostOf(a) === b || hostOf(a).endsWith(`.${b}`);
    return m.op === 'in' ? cell === obs.value : a === b;
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url.includes('://') ? url : `http://${url}`).hostname;
  } catch {
    return url;
  }
}

/** `Timespan` of runHuntingQuery for the last `days` days (ISO 8601 duration, as documented). */
export function huntingTimespan(days: number): string {
  return `P${Math.trunc(days)}D`;
}
