// Advanced Hunting: one KQL query over the tenant's Defender XDR tables.
// https://learn.microsoft.com/graph/api/security-security-runhuntingquery
import type { GraphClient } from '../client.js';
import { huntingResultsSchema } from '../schemas.js';
import type { GraphCallOptions, HuntingRow } from '../types.js';

export interface HuntingQuery {
  /** KQL. */
  query: string;
  /** ISO 8601 period the service applies to every table (e.g. `P7D` or `start/end`); default 30 days. */
  timespan?: string;
}

/** The result rows. A query only reads, so a 429/503/504 is retried like a GET. */
export async function runHuntingQuery(
  graph: GraphClient,
  q: HuntingQuery,
  o: GraphCallOptions = {},
): Promise<HuntingRow[]> {
  const body = { Query: q.query, ...(q.timespan !== undefined ? { Timespan: q.timespan } : {}) };
  const answer = await graph.post('/security/runHuntingQuery', body, huntingResultsSchema, {
    idempotent: true,
    ...o,
  });
  return answer.results;
}
