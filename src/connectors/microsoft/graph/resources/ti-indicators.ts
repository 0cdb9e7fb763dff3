// Threat-intelligence indicators of the deprecated Graph beta API (security/tiIndicators; reference
// threat-intel.md §3.1): submit many, delete many by externalId, list with paging. Always on beta,
// whatever version the client was built for, since v1.0 never had them.
//
// submitTiIndicators is not idempotent: each call creates new indicators, even for an externalId
// already there. So it is never repeated after a failure that may have reached Graph (5xx, timeout);
// only a 429 is waited out and sent again, because Graph throttles a request before doing any of it.
// Deleting by externalId is idempotent and retried like any other safe call.
import {
  backoffMs,
  HttpAbortedError,
  type HttpResponse,
  odataString,
  parseJson,
  parseRetryAfterMs,
  responseTarget,
} from '../../../../platform/http/index.js';
import type { GraphClient } from '../client.js';
import {
  itemErrorSchema,
  resultInfoAnswerSchema,
  submitAnswerSchema,
  type TiIndicator,
  tiIndicatorSchema,
} from '../ti-indicator-schemas.js';
import type { GraphCallOptions, ResourcePageOptions } from '../types.js';

/** "There's a limit of 100 tiIndicators per request"; longer lists go in several calls. */
export const MAX_TI_PER_CALL = 100;
/** How often one submit waits out a 429 before the THROTTLED error reaches the caller. */
const THROTTLED_RETRIES = 5;
const THROTTLE_BACKOFF = {
  maxRetries: THROTTLED_RETRIES,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};
/** Longest message kept from an item's error: it is Graph's text, shown to operators. */
const MESSAGE_MAX = 1000;

export type TiSubmitResult = { ok: true; id: string } | { ok: false; code: string; message: string };

/** deleted: it existed and is gone; notFound: the app had none (never made, or gone already). */
export interface TiDeleteResult {
  outcome: 'deleted' | 'notFound' | 'failed';
  code: number;
  message: string;
  subCode: string | undefined;
}

const tiUrl = (graph: GraphClient, action = '') =>
  new URL(`../beta/security/tiIndicators${action ? `/${action}` : ''}`, graph.baseUrl).href;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += MAX_TI_PER_CALL) out.push(items.slice(i, i + MAX_TI_PER_CALL));
  return out;
}

const clip = (s: string) => (s.length > MESSAGE_MAX ? `${s.slice(0, MESSAGE_MAX)}…` : s);

/** A refused item's `Error` string, decoded; an unreadable one keeps its text under UnknownError. */
function itemError(text: string): TiSubmitResult {
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch {
    decoded = undefined;
  }
  const r = itemErrorSchema.safeParse(decoded);
  if (r.success) return { ok: false, code: r.data.error.code, message: clip(r.data.error.message) };
  return { ok: false, code: 'UnknownError', message: clip(text) };
}

/** POSTs once, waiting out 429s (Retry-After, else a jittered backoff) within the deadline. */
async function postWaitingOutThrottling(
  graph: GraphClient,
  url: string,
  body: unknown,
  o: GraphCallOptions,
): Promise<HttpResponse> {
  const clock = graph.http.clock;
  for (let attempt = 1; ; attempt++) {
    const res = await graph.raw({
      ...o,
      url,
      method: 'POST',
      json: body,
      idempotent: false,
      acceptStatus: [429],
    });
    if (res.status !== 429) return res;
    const retryAfter = parseRetryAfterMs(res.headers['retry-after'], clock.now());
    const wait = Math.min(retryAfter ?? backoffMs(attempt, THROTTLE_BACKOFF, Math.random), 60_000);
    if (attempt > THROTTLED_RETRIES || (o.deadlineAt !== undefined && clock.now() + wait > o.deadlineAt))
      throw graph.http.errorFor(res, 'POST');
    const end = o.wait?.begin();
    try {
      await clock.sleep(wait, o.signal);
    } catch (e) {
      throw new HttpAbortedError(responseTarget('graph', 'POST', res), e);
    } finally {
      end?.();
    }
  }
}

/**
 * Creates the indicators (any number, 100 a call); one result per item, in order: its Graph id, or
 * the error Graph gave that item (answers 200 and 206 alike). Throws a GraphError when a call as a
 * whole fails; earlier calls' indicators then exist.
 * @link https://learn.microsoft.com/graph/api/tiindicator-submittiindicators?view=graph-rest-beta
 */
export async function submitTiIndicators(
  graph: GraphClient,
  items: readonly object[],
  o: GraphCallOptions = {},
): Promise<TiSubmitResult[]> {
  const results: TiSubmitResult[] = [];
  for (const chunk of chunks(items)) {
    const res = await postWaitingOutThrottling(
      graph,
      tiUrl(graph, 'submitTiIndicators'),
      { value: chunk },
      o,
    );
    const answer = parseJson(res, submitAnswerSchema(chunk.length), responseTarget('graph', 'POST', res));
    for (const item of answer.value) {
      if (item.Error !== undefined) results.push(itemError(item.Error));
      else if (item.id !== undefined) results.push({ ok: true, id: item.id });
      else
        results.push({
          ok: false,
          code: 'UnknownError',
          message: 'Graph answered neither an id nor an error',
        });
    }
  }
  return results;
}

/**
 * Deletes every indicator of this app with each externalId (100 a call); one result per externalId.
 * Safe to repeat, so it is retried on 429, 503 and 504 like a GET.
 * @link https://learn.microsoft.com/graph/api/tiindicator-deletetiindicatorsbyexternalid?view=graph-rest-beta
 */
export async function deleteTiIndicatorsByExternalId(
  graph: GraphClient,
  externalIds: readonly string[],
  o: GraphCallOptions = {},
): Promise<TiDeleteResult[]> {
  const results: TiDeleteResult[] = [];
  for (const chunk of chunks(externalIds)) {
    const url = tiUrl(graph, 'deleteTiIndicatorsByExternalId');
    const res = await graph.raw({ ...o, url, method: 'POST', json: { value: chunk }, idempotent: true });
    const answer = parseJson(res, resultInfoAnswerSchema(chunk.length), responseTarget('graph', 'POST', res));
    for (const r of answer.value) {
      // resultInfo's codes are not documented; 0 and 2xx read as done, 404 as nothing to delete.
      const outcome =
        r.code === 0 || (r.code >= 200 && r.code < 300) ? 'deleted' : r.code === 404 ? 'notFound' : 'failed';
      results.push({
        outcome,
        code: r.code,
        message: clip(r.message ?? ''),
        subCode: r.subCode ?? undefined,
      });
    }
  }
  return results;
}

export interface TiIndicatorQuery {
  externalId?: string;
  targetProduct?: string;
}

/**
 * This app's indicators page by page (the permission shows an app only its own), optionally those
 * with one externalId or target product.
 * @link https://learn.microsoft.com/graph/api/tiindicators-list?view=graph-rest-beta
 */
export function listTiIndicators(
  graph: GraphClient,
  q: TiIndicatorQuery = {},
  o: ResourcePageOptions = {},
): AsyncIterable<TiIndicator[]> {
  const clauses = [
    ...(q.externalId !== undefined ? [`externalId eq ${odataString(q.externalId)}`] : []),
    ...(q.targetProduct !== undefined ? [`targetProduct eq ${odataString(q.targetProduct)}`] : []),
  ];
  const query = { ...o.query, ...(clauses.length > 0 ? { $filter: clauses.join(' and ') } : {}) };
  return graph.pages(tiUrl(graph), { ...o, query, item: tiIndicatorSchema });
}
