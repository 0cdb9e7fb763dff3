// Modern backend: one Advanced Hunting query for every observable of the request, then the alerts'
// details from alerts_v2 through $batch (20 per batch, throttled items retried by the Graph client).
// Two sequential upstream round trips whatever the number of observables.
// https://learn.microsoft.com/graph/api/security-security-runhuntingquery
import {
  type AlertV2,
  alertBatchItems,
  alertV2Schema,
  type GraphClient,
  runHuntingQuery,
} from '../../../../connectors/microsoft/graph/index.js';
import type { Observable } from '../../../protocol/schemas.js';
import { failOrWarn } from '../errors.js';
import { huntingQuery, huntingTimespan, matchedObservables } from '../queries/hunting.js';
import type { SearchOptions, SearchResult } from './types.js';

/** Evidence rows read per alert wanted: most alerts carry a handful of evidence rows. */
const ROWS_PER_ALERT = 50;

export async function searchModern(
  graph: GraphClient,
  observables: readonly Observable[],
  o: SearchOptions,
): Promise<SearchResult<AlertV2>> {
  const query = huntingQuery(observables, {
    maxRows: Math.min(100_000, o.limit * ROWS_PER_ALERT),
  });
  if (!query) return { found: [], omitted: 0 };
  const rows = await runHuntingQuery(
    graph,
    { query, timespan: huntingTimespan(o.lookbackDays) },
    { signal: o.signal, wait: o.wait, deadlineAt: o.deadlineAt },
  );
  // Rows arrive newest first; the first row of an alert fixes its place in the answer.
  const matchedBy = new Map<string, Map<string, Observable>>();
  for (const row of rows) {
    if (typeof row.AlertId !== 'string' || row.AlertId === '') continue;
    const set = matchedBy.get(row.AlertId) ?? new Map<string, Observable>();
    for (const m of matchedObservables(row, observables)) set.set(`${m.type}\u0000${m.value}`, m);
    matchedBy.set(row.AlertId, set);
  }
  const ids = [...matchedBy.keys()];
  const wanted = ids.slice(0, o.limit);
  const details = new Map<string, AlertV2>();
  const missing: string[] = [];
  for (const id of wanted) {
    const cached = o.alertCache?.get(id);
    if (cached) details.set(id, cached);
    else missing.push(id);
  }
  const results =
    missing.length === 0
      ? []
      : await graph.batch(alertBatchItems(missing), {
          signal: o.signal,
          deadlineAt: o.deadlineAt,
          wait: o.wait,
        });
  let firstError: unknown;
  results.forEach((r, i) => {
    const id = missing[i] as string;
    if (r.status === 404) return; // deleted or merged since the hunting data was written
    if (r.error) {
      firstError ??= r.error;
      return;
    }
    const alert = alertV2Schema.safeParse(r.body);
    if (!alert.success) {
      o.warn('unknown', `Alert ${id} has an unexpected shape and was skipped.`);
      return;
    }
    details.set(id, alert.data);
    o.alertCache?.set(id, alert.data);
  });
  const found: SearchResult<AlertV2>['found'] = [];
  for (const id of wanted) {
    const alert = details.get(id);
    if (alert) found.push({ alert, matched: [...(matchedBy.get(id)?.values() ?? [])] });
  }
  if (firstError) failOrWarn(firstError, found.length > 0, o.warn, 'Some alert details could not be read');
  return { found, omitted: ids.length - wanted.length };
}
