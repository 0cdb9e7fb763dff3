// JSON $batch: chunks of up to 20 items, sent a few chunks at a time. Items answered 429/503/504 are
// re-queued alone after their own Retry-After (or a jittered backoff), never past the deadline;
// results come back in input order. The outer POST is retried as a whole only when every item is a GET.
import { randomUUID } from 'node:crypto';
import {
  backoffMs,
  errors as httpErrors,
  type HttpClient,
  HttpTransportError,
  parseJson,
  parseRetryAfterMs,
} from '../../../../platform/http/index.js';
import type { GraphRequestBuilder } from '../request.js';
import { batchInvalidError, GraphError } from '../errors.js';
import { batchResponseSchema } from '../schemas.js';
import type { BatchItem, BatchOptions, BatchResult } from '../types.js';

export const MAX_BATCH_ITEMS = 20;
/** Items due this soon after the earliest one wait for it and join its round, so retries go out in full chunks. */
const COALESCE_MS = 500;
const RETRY_ITEM = new Set([429, 503, 504]);

interface Pending {
  index: number;
  attempts: number;
  notBefore: number;
}

export interface BatchSettings {
  concurrency: number;
  itemRetries: number;
  random: () => number;
}

export async function runBatch(
  http: HttpClient,
  build: GraphRequestBuilder,
  items: readonly BatchItem[],
  settings: BatchSettings,
  opts: BatchOptions = {},
): Promise<BatchResult[]> {
  const clock = http.clock;
  const results: Array<BatchResult | undefined> = new Array(items.length);
  let queue: Pending[] = items.map((_, index) => ({ index, attempts: 0, notBefore: 0 }));
  const ids = items.map(() => randomUUID());
  while (queue.length > 0) {
    // Items due within COALESCE_MS of the earliest go out together once the last of them is due.
    const earliest = Math.min(...queue.map((p) => p.notBefore));
    const due = queue.filter((p) => p.notBefore <= earliest + COALESCE_MS);
    queue = queue.filter((p) => p.notBefore > earliest + COALESCE_MS);
    const wait = Math.max(...due.map((p) => p.notBefore)) - clock.now();
    if (wait > 0) {
      if (opts.deadlineAt !== undefined && clock.now() + wait > opts.deadlineAt) {
        throw deadlineError(build, queue.length + due.length, wait);
      }
      const end = opts.wait?.begin();
      await clock.sleep(wait, opts.signal).finally(end);
    }
    const chunks: Pending[][] = [];
    for (let i = 0; i < due.length; i += MAX_BATCH_ITEMS) chunks.push(due.slice(i, i + MAX_BATCH_ITEMS));
    const requeue: Pending[][] = await mapLimited(chunks, settings.concurrency, (chunk) =>
      sendChunk(http, build, items, ids, chunk, results, settings, opts),
    );
    queue.push(...requeue.flat());
  }
  return results as BatchResult[];
}

async function sendChunk(
  http: HttpClient,
  build: GraphRequestBuilder,
  items: readonly BatchItem[],
  ids: readonly string[],
  chunk: Pending[],
  results: Array<BatchResult | undefined>,
  settings: BatchSettings,
  opts: BatchOptions,
): Promise<Pending[]> {
  const requests = chunk.map((p) => {
    const it = items[p.index] as BatchItem;
    return {
      id: String(p.index),
      method: it.method,
      url: it.url.startsWith('/') ? it.url : `/${it.url}`,
      headers: {
        'client-request-id': ids[p.index] as string,
        ...(it.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...it.headers,
      },
      ...(it.body !== undefined ? { body: it.body } : {}),
    };
  });
  const allGets = requests.every((r) => r.method === 'GET');
  const call = build('$batch', {
    signal: opts.signal,
    deadlineAt: opts.deadlineAt,
    idempotent: allGets,
    wait: opts.wait,
  });
  const res = await http.request({ ...call, method: 'POST', json: { requests } });
  const answer = parseJson(res, batchResponseSchema, {
    service: http.service,
    method: 'POST',
    host: res.url.host,
    path: res.url.pathname,
  });
  const byId = new Map(answer.responses.map((r) => [r.id, r]));
  const again: Pending[] = [];
  const now = http.clock.now();
  for (const p of chunk) {
    const r = byId.get(String(p.index));
    if (!r)
      throw batchInvalidError(
        { service: http.service, method: 'POST', host: res.url.host, path: res.url.pathname },
        `item ${p.index} is missing from the answer`,
      );
    const attempts = p.attempts + 1;
    const headers = lowerKeys(r.headers);
    if (RETRY_ITEM.has(r.status) && attempts <= settings.itemRetries) {
      const after = parseRetryAfterMs(headers['retry-after'], now);
      const delay =
        after ??
        backoffMs(
          attempts,
          { baseDelayMs: 500, maxDelayMs: 30_000, maxRetries: settings.itemRetries, maxRetryAfterMs: 60_000 },
          settings.random,
        );
      again.push({ index: p.index, attempts, notBefore: now + Math.min(delay, 60_000) });
      continue;
    }
    const it = items[p.index] as BatchItem;
    results[p.index] = {
      status: r.status,
      headers,
      body: r.body,
      attempts,
      ...(r.status >= 400
        ? { error: itemError(http, res.url, it, r.status, headers, r.body, attempts) }
        : {}),
    };
  }
  return again;
}

function itemError(
  http: HttpClient,
  base: URL,
  it: BatchItem,
  status: number,
  headers: Record<string, string>,
  body: unknown,
  attempts: number,
): GraphError {
  const url = new URL(it.url.replace(/^\//, ''), base.href.replace(/\$batch$/, ''));
  const fake = { status, headers, url, body: Buffer.from(JSON.stringify(body ?? {})), attempts };
  const err = http.errorFor(fake, it.method);
  return err instanceof GraphError
    ? err
    : new GraphError({
        status,
        attempts,
        target: { service: http.service, method: it.method, host: url.host, path: url.pathname },
      });
}

function lowerKeys(h: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) out[k.toLowerCase()] = v;
  return out;
}

function deadlineError(build: GraphRequestBuilder, left: number, waitMs: number): HttpTransportError {
  const target = { service: 'graph', method: 'POST', host: build.host, path: '/$batch' };
  return new HttpTransportError(
    httpErrors.DEADLINE_EXCEEDED,
    `graph POST ${build.host}/$batch: waiting ${waitMs} ms to retry ${left} throttled items would pass the deadline`,
    target,
    { retryable: true, details: { itemsLeft: left } },
  );
}

async function mapLimited<T, R>(xs: readonly T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(xs.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, xs.length) }, async () => {
    while (next < xs.length) {
      const i = next++;
      out[i] = await fn(xs[i] as T);
    }
  });
  await Promise.all(workers);
  return out;
}
