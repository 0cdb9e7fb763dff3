// Microsoft Graph client on platform/http: JSON get/post/patch/delete, paging, delta rounds, $batch
// with per-item retry, typed Graph errors, one forced token refresh on 401, Prefer and
// client-request-id headers per request. Not the Graph SDK (see reference/stack.md §2). Features call
// the named resources (resources/*.ts), which build every path; these methods are their transport.
import { z } from 'zod';
import type { TenantConfig } from '../../../platform/config/tenant.js';
import {
  type CallOptions,
  createConnectorClient,
  type HttpClient,
  type HttpResponse,
  type JsonCalls,
  jsonCalls,
  systemClock,
  throttleWatchStep,
} from '../../../platform/http/index.js';
import { type TokenProvider, tokenAuth } from '../identity/index.js';
import { GraphError, parseGraphError } from './errors.js';
import { graphRequestBuilder } from './request.js';
import { type BatchSettings, runBatch } from './resources/batch.js';
import { type DeltaRound, deltaRound } from './resources/delta.js';
import { organizationId } from './resources/organization.js';
import { walkPages } from './resources/paging.js';
import type {
  BatchItem,
  BatchOptions,
  BatchResult,
  GraphCallOptions,
  GraphClientOptions,
  PageOptions,
} from './types.js';

export interface GraphClient extends JsonCalls<GraphCallOptions> {
  readonly http: HttpClient;
  /** The version root every path is relative to, e.g. https://graph.microsoft.com/v1.0/ . */
  readonly baseUrl: string;
  /** Any call, answer unparsed (e.g. /messages/{id}/$value). */
  raw(call: CallOptions & { prefer?: string[] }): Promise<HttpResponse>;
  /** Items page by page; one page in memory at a time. */
  pages<S extends z.ZodType = z.ZodUnknown>(
    path: string,
    opts?: PageOptions<S>,
  ): AsyncIterable<z.output<S>[]>;
  /** One delta round from a resource path (e.g. '/users/delta') or a saved deltaLink. */
  delta<S extends z.ZodType = z.ZodUnknown>(
    resourceOrDeltaLink: string,
    opts?: PageOptions<S>,
  ): DeltaRound<z.output<S>>;
  batch(items: readonly BatchItem[], opts?: BatchOptions): Promise<BatchResult[]>;
  /** Cheap credential, consent and reachability check: the organization's id. */
  ping(): Promise<{ organizationId: string }>;
  close(): Promise<void>;
}

export function createGraphClient(
  tenant: TenantConfig,
  tokens: TokenProvider,
  opts: GraphClientOptions = {},
): GraphClient {
  const root = new URL(`${tenant.graphBaseUrl}/${opts.version ?? 'v1.0'}/`);
  const http = createConnectorClient(
    {
      service: 'graph',
      baseUrl: root.href,
      caFile: tenant.caFile,
      auth: tokenAuth(tokens, 'graph', root.host),
      errorParser: parseGraphError,
      toError: (init) => new GraphError(init),
      steps: opts.onThrottled
        ? [throttleWatchStep(root.host, opts.onThrottled, () => (opts.clock ?? systemClock).now())]
        : [],
    },
    opts,
  );
  const build = graphRequestBuilder(root);
  const settings = batchSettings(opts);
  const graph: GraphClient = {
    http,
    baseUrl: root.href,
    ...jsonCalls(http, build),
    raw: ({ prefer, ...call }) => {
      const b = build(typeof call.url === 'string' ? call.url : call.url.href, {
        prefer,
        headers: call.headers,
      });
      return http.request({ ...call, url: b.url, headers: b.headers });
    },
    pages: (path, o = {}) => ({
      async *[Symbol.asyncIterator]() {
        for await (const page of walkPages(http, build, path, o)) yield page.items;
      },
    }),
    delta: (resourceOrDeltaLink, o = {}) => deltaRound(http, build, resourceOrDeltaLink, o),
    batch: (items, o) => runBatch(http, build, items, settings, o),
    ping: async () => ({ organizationId: await organizationId(graph) }),
    close: () => http.close(),
  };
  return graph;
}

/** The client's $batch options within their bounds: 1 to 20 chunks in flight, 0 to 20 item retries. */
function batchSettings(opts: GraphClientOptions): BatchSettings {
  return {
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(20)
      .parse(opts.batchConcurrency ?? 4),
    itemRetries: z
      .number()
      .int()
      .min(0)
      .max(20)
      .parse(opts.batchItemRetries ?? 10),
    random: opts.random ?? Math.random,
  };
}
