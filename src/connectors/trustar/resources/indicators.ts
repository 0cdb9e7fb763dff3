// Prioritized indicators search: POST <baseUrl>/api/2.0/indicators/search?pageSize=N with
// priorityScores (ints −1..3), attributes, safelisted, types and the cursor (reference §2.4). TruSTAR
// documents that this search fails past 10,000 results; that 500 becomes GSOC_TRUSTAR_PAGING_LIMIT.
import { z } from 'zod';
import { API_PATH, type TrustarClient, type TrustarRequest } from '../client.js';
import { errors, TrustarError, TrustarResponseError } from '../errors.js';
import { indicatorSchema } from '../schemas.js';
import { OBSERVABLE_TYPES, PRIORITY_SCORES, type PrioritizedIndicator, type SearchPage } from '../types.js';
import { baseQuery, enclavesFor, parseQuery, searchPages } from './search.js';

/** The depth TruSTAR documents its indicator search can page. */
export const INDICATOR_PAGING_LIMIT = 10_000;

export const indicatorQuerySchema = baseQuery.extend({
  types: z.array(z.enum(OBSERVABLE_TYPES)).min(1).max(OBSERVABLE_TYPES.length).optional(),
  /** By name; sent as TruSTAR's ints (NOT_SCORED −1 … HIGH 3). */
  priorityScores: z.array(z.enum(PRIORITY_SCORES)).min(1).max(PRIORITY_SCORES.length).optional(),
  attributes: z
    .array(
      z.object({
        type: z.enum(['THREAT_ACTOR', 'MALWARE', 'CARO_MALWARE', 'CVE', 'MITRE_TACTIC']),
        value: z.string().min(1).max(500),
      }),
    )
    .max(50)
    .optional(),
  includeSafelisted: z.boolean().default(false),
  sortColumn: z.enum(['CREATED', 'PROCESSED_AT', 'UPDATED']).optional(),
});
export type IndicatorQuery = z.input<typeof indicatorQuerySchema>;

/** Pages of prioritized indicators; the query is checked before anything is sent. */
export function searchIndicators(
  client: TrustarClient,
  query: IndicatorQuery,
  o?: TrustarRequest,
): AsyncGenerator<SearchPage<PrioritizedIndicator>> {
  const q = parseQuery(indicatorQuerySchema, query);
  const body = {
    enclaveGuids: enclavesFor(client, q.enclaveIds),
    from: q.from,
    to: q.to,
    includeSafelisted: q.includeSafelisted,
    ...(q.types ? { types: q.types } : {}),
    ...(q.priorityScores
      ? { priorityScores: q.priorityScores.map((s) => PRIORITY_SCORES.indexOf(s) - 1) }
      : {}),
    ...(q.attributes ? { attributes: q.attributes } : {}),
    ...(q.sortColumn ? { sortColumn: q.sortColumn } : {}),
    ...(q.queryTerm ? { queryTerm: q.queryTerm } : {}),
  };
  const page = { cursor: q.cursor, pageSize: q.pageSize ?? client.connection.pageSize };
  return withPagingLimit(
    searchPages(client, `${API_PATH}indicators/search`, body, indicatorSchema, page, o),
    page.pageSize,
  );
}

async function* withPagingLimit<T>(pages: AsyncGenerator<SearchPage<T>>, pageSize: number) {
  let seen = 0;
  try {
    for await (const p of pages) {
      seen += p.items.length;
      yield p;
    }
  } catch (e) {
    if (e instanceof TrustarError && e.status === 500 && seen + pageSize > INDICATOR_PAGING_LIMIT)
      throw new TrustarResponseError(
        errors.PAGING_LIMIT,
        `TruSTAR indicator search failed after ${seen} results, past the ${INDICATOR_PAGING_LIMIT} it can page; use a shorter window`,
        { cause: e },
      );
    throw e;
  }
}
