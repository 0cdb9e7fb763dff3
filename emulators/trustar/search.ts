// POST /api/2.0/observables/search and /api/2.0/indicators/search over the corpus (reference §2.3,
// §2.4): filters, the time window on lastSeen, pageSize from the query string, the cursor in the body,
// and `responseMetadata.nextCursor` ("" on the last page). Indicator search refuses to page past
// `deepPagingLimit` results with a 500, as TruSTAR documents for its indicator search.
import type { Stored } from './corpus/store.js';
import { encodeCursor } from './cursor.js';
import type { TrustarContext } from './context.js';
import { toIndicator, traitsOf } from './indicator-fields.js';
import {
  checkSort,
  cursorState,
  type IndicatorsBody,
  type ObservablesBody,
  pageSize,
  SearchRefused,
  searchedEnclaves,
  timeWindow,
} from './search-request.js';

/** Candidates one request looks at before it answers a short page with a cursor. */
export const SCAN_BUDGET = 200_000;

export class DeepPagingRefused extends Error {}

interface Page<T> {
  items: T[];
  responseMetadata: { nextCursor: string };
}

function runSearch<T>(
  ctx: TrustarContext,
  body: { cursor?: string | undefined; from?: number | undefined; to?: number | undefined },
  rawPageSize: string | undefined,
  match: (o: Stored) => boolean,
  render: (o: Stored) => T,
  deepLimit?: number,
): Page<T> {
  const size = pageSize(rawPageSize);
  const cursor = cursorState(body.cursor);
  const window = timeWindow(body, ctx.now());
  const offset = cursor?.offset ?? 0;
  if (deepLimit !== undefined && offset >= deepLimit) throw new DeepPagingRefused();
  const page = ctx.corpus.scan({
    ...window,
    cursor: cursor?.after,
    limit: size,
    budget: SCAN_BUDGET,
    match,
  });
  const nextCursor =
    page.more && page.lastKey !== undefined
      ? encodeCursor({
          pageNumber: (cursor?.pageNumber ?? 0) + 1,
          pageSize: size,
          offset: offset + page.items.length,
          after: page.lastKey,
        })
      : '';
  return { items: page.items.map(render), responseMetadata: { nextCursor } };
}

export function searchObservables(
  ctx: TrustarContext,
  body: ObservablesBody,
  rawPageSize: string | undefined,
) {
  checkSort(body.sortColumn, body.sortOrder, ['LAST_SEEN']);
  const enclaves = searchedEnclaves(body.enclaveGuids, ctx.enclaves);
  const types = body.types && new Set<string>(body.types);
  const included = body.includedTags;
  const excluded = body.excludedTags;
  const term = body.queryTerm?.toLowerCase();
  const match = (o: Stored) =>
    o.enclaveGuids.some((g) => enclaves.has(g.toLowerCase())) &&
    (types === undefined || types.size === 0 || types.has(o.type)) &&
    (included === undefined || included.length === 0 || included.some((t) => o.tags.includes(t))) &&
    (excluded === undefined || !excluded.some((t) => o.tags.includes(t))) &&
    (term === undefined || o.value.toLowerCase().includes(term));
  const render = ({ id: _id, ...observable }: Stored) => ({
    ...observable,
    enclaveGuids: observable.enclaveGuids.filter((g) => enclaves.has(g.toLowerCase())),
  });
  return runSearch(ctx, body, rawPageSize, match, render);
}

export function searchIndicators(ctx: TrustarContext, body: IndicatorsBody, rawPageSize: string | undefined) {
  checkSort(body.sortColumn, body.sortOrder, ['PROCESSED_AT', 'UPDATED']);
  const enclaves = searchedEnclaves(body.enclaveGuids, ctx.enclaves);
  const types = body.types && new Set<string>(body.types);
  const scores = body.priorityScores && new Set(body.priorityScores);
  const attributes = body.attributes;
  const related = body.relatedObservables;
  const term = body.queryTerm?.toLowerCase();
  const match = (o: Stored) => {
    if (!o.enclaveGuids.some((g) => enclaves.has(g.toLowerCase()))) return false;
    if (types && types.size > 0 && !types.has(o.type)) return false;
    if (term !== undefined && !o.value.toLowerCase().includes(term)) return false;
    if (related && related.length > 0 && !related.some((r) => r.type === o.type && r.value === o.value))
      return false;
    const t = traitsOf(o, ctx.seed);
    if (t.safelisted && body.includeSafelisted !== true) return false;
    if (scores && scores.size > 0 && !scores.has(t.score)) return false;
    if (attributes && attributes.length > 0)
      return attributes.some((a) => t.attributes.some((x) => x.type === a.type && x.value === a.value));
    return true;
  };
  const render = (o: Stored) => {
    const home = o.enclaveGuids.find((g) => enclaves.has(g.toLowerCase())) as string;
    return toIndicator(o, home.toLowerCase(), traitsOf(o, ctx.seed), ctx.enclaves);
  };
  return runSearch(ctx, body, rawPageSize, match, render, ctx.settings.deepPagingLimit);
}

export { SearchRefused };
