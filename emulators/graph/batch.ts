// POST /$batch: up to 20 requests run through the same handlers and permission checks, with dependsOn,
// per-item faults (429 + Retry-After inside the batch) and per-item throttling.
// https://learn.microsoft.com/graph/json-batching
import { z } from 'zod';
import { type FaultRule, faultLatencyMs, retryAfterValue, terminalRule } from '../shared/faults.js';
import { newGuid } from '../shared/ids.js';
import { delay } from '../shared/latency.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { badRequest, graphError, type RequestIds, tooManyRequests } from './errors.js';
import { graphFault } from './faults.js';
import { GRAPH_JSON, type GraphCall, type GraphResponse } from './types.js';

export const MAX_BATCH_REQUESTS = 20;

const batchItemSchema = z.object({
  id: z.string().min(1),
  method: z.string().min(1),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.string()).optional(),
});
const batchSchema = z.object({ requests: z.array(batchItemSchema) });
type BatchItem = z.infer<typeof batchItemSchema>;

export type Dispatch = (call: GraphCall) => Promise<GraphResponse>;

export async function runBatch(
  ctx: EmulatorContext,
  call: GraphCall,
  dispatch: Dispatch,
): Promise<GraphResponse> {
  const parsed = batchSchema.safeParse(call.body);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    return badRequest(call, `Invalid batch payload format. ${detail}`, 'BadRequest');
  }
  const items = parsed.data.requests;
  if (items.length === 0)
    return badRequest(call, 'Invalid batch payload format. The batch contains no requests.', 'BadRequest');
  if (items.length > MAX_BATCH_REQUESTS) {
    return badRequest(
      call,
      `The number of requests in the batch exceeds the limit of ${MAX_BATCH_REQUESTS}.`,
      'BadRequest',
    );
  }
  const order = executionOrder(items);
  if (typeof order === 'string') return badRequest(call, order, 'BadRequest');

  const results = new Map<string, GraphResponse>();
  for (const item of order) {
    const failedDep = (item.dependsOn ?? []).find((d) => (results.get(d.toLowerCase())?.status ?? 0) >= 400);
    const ids = { requestId: newGuid(), clientRequestId: '' };
    ids.clientRequestId = lowerKeys(item.headers)['client-request-id'] ?? ids.requestId;
    const result = await runItem(ctx, call, item, ids, dispatch, failedDep);
    results.set(item.id.toLowerCase(), result);
  }
  const responses = items.map((item) => {
    const r = results.get(item.id.toLowerCase()) ?? { status: 500 };
    const headers: Record<string, string> =
      r.body !== undefined && typeof r.body !== 'string' ? { 'Content-Type': GRAPH_JSON } : {};
    Object.assign(headers, r.headers);
    return { id: item.id, status: r.status, headers, ...(r.body !== undefined ? { body: r.body } : {}) };
  });
  return { status: 200, body: { responses } };
}

/** Orders items so each runs after what it depends on; a string is the reason the batch is invalid. */
function executionOrder(items: BatchItem[]): BatchItem[] | string {
  const byId = new Map<string, BatchItem>();
  for (const item of items) {
    const key = item.id.toLowerCase();
    if (byId.has(key)) return `Batch request ids must be unique; '${item.id}' is repeated.`;
    byId.set(key, item);
  }
  for (const item of items) {
    const missing = (item.dependsOn ?? []).find((d) => !byId.has(d.toLowerCase()));
    if (missing !== undefined)
      return `Request '${item.id}' depends on '${missing}', which is not in the batch.`;
  }
  const done = new Set<string>();
  const order: BatchItem[] = [];
  while (order.length < items.length) {
    const ready = items.filter(
      (i) => !done.has(i.id.toLowerCase()) && (i.dependsOn ?? []).every((d) => done.has(d.toLowerCase())),
    );
    if (ready.length === 0) return 'The dependsOn references in the batch form a cycle.';
    for (const i of ready) {
      done.add(i.id.toLowerCase());
      order.push(i);
    }
  }
  return order;
}

async function runItem(
  ctx: EmulatorContext,
  outer: GraphCall,
  item: BatchItem,
  ids: { requestId: string; clientRequestId: string },
  dispatch: Dispatch,
  failedDep: string | undefined,
): Promise<GraphResponse> {
  const started = performance.now();
  const rel = item.url.trim();
  const q = rel.indexOf('?');
  const path = `/${(q < 0 ? rel : rel.slice(0, q)).replace(/^\/+/, '')}`;
  const query = new URLSearchParams(q < 0 ? '' : rel.slice(q + 1));
  const { appId, tenantId } = outer.principal;
  const fired = failedDep
    ? []
    : ctx.faults.forBatchItem({
        listener: 'graph',
        method: item.method,
        path: `/${outer.version}${path}`,
        appId,
        tenantId,
      });

  let result: GraphResponse;
  if (failedDep)
    result = graphError(
      ids,
      424,
      'FailedDependency',
      `The request depends on request '${failedDep}', which failed.`,
    );
  else if (/^[a-z]+:\/\//i.test(rel))
    result = badRequest(
      ids,
      'Batch request URLs must be relative to the version, e.g. "/users".',
      'BadRequest',
    );
  else if (path.toLowerCase() === '/$batch')
    result = badRequest(ids, 'A batch request cannot contain another batch.', 'BadRequest');
  else {
    await delay(faultLatencyMs(fired));
    const rule = terminalRule(fired);
    const throttled = rule ? undefined : ctx.throttle.take(appId, tenantId);
    if (rule) result = renderItemFault(rule, ids);
    else if (throttled && !throttled.ok) result = tooManyRequests(ids, String(throttled.retryAfterSec));
    else {
      result = await dispatch({
        ...outer,
        method: item.method.toUpperCase(),
        path,
        query,
        headers: lowerKeys(item.headers),
        body: item.body,
        requestId: ids.requestId,
        clientRequestId: ids.clientRequestId,
        batched: true,
      });
    }
  }
  ctx.log.add({
    time: new Date().toISOString(),
    host: 'graph',
    method: item.method.toUpperCase(),
    path: `/${outer.version}${path}`,
    query: Object.fromEntries(query),
    status: result.status,
    appId,
    tenantId,
    batched: true,
    batchItemId: item.id,
    ...(fired.length > 0 ? { faults: fired.map((r) => r.id) } : {}),
    durationMs: Math.round((performance.now() - started) * 100) / 100,
  });
  return result;
}

/** A fault on one item; a 429 reads as Graph's own throttling answer, with a Retry-After of at least 1. */
function renderItemFault(rule: FaultRule, ids: RequestIds): GraphResponse {
  if (rule.status === 429 && !rule.expiredToken && !rule.malformedBody)
    return tooManyRequests(ids, retryAfterValue(rule) ?? '1', rule.message);
  // A connection reset has no meaning inside a batch; the item answers as a gateway timeout instead.
  return graphFault(rule, ids, {
    defaultStatus: 504,
    headers: {},
    malformed: { headers: { 'Content-Type': GRAPH_JSON }, body: '{"value":[{"id":' },
  });
}

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}
