// Microsoft Graph client on platform/http: JSON get/post/patch/delete, paging, delta rounds, $batch
// with per-item retry, typed Graph errors, one forced token refresh on 401, Prefer and
// client-request-id headers per request. Not the Graph SDK (see reference/stack.md §2).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { TenantConfig } from '../../../platform/config/tenant.js';
import {
  type CallOptions,
  createHttpClient,
  type HttpClient,
  type HttpResponse,
  parseJson,
  type RemoteErrorInfo,
} from '../../../platform/http/index.js';
import type { TokenProvider } from '../identity/index.js';
import { GraphError } from './errors.js';
import { runBatch } from './resources/batch.js';
import { type DeltaRound, deltaRound } from './resources/delta.js';
import { walkPages } from './resources/paging.js';
import { graphErrorSchema, organizationListSchema } from './schemas.js';
import type {
  BatchItem,
  BatchOptions,
  BatchResult,
  GraphCallOptions,
  GraphClientOptions,
  PageOptions,
} from './types.js';

/** Turns a Graph path or absolute link plus options into a platform/http call. */
export interface GraphRequestBuilder {
  (url: string, opts?: GraphCallOptions): CallOptions;
  /** The only host requests and links may go to (graphBaseUrl's). */
  readonly host: string;
}

export interface GraphClient {
  readonly http: HttpClient;
  get<S extends z.ZodType>(path: string, schema: S, opts?: GraphCallOptions): Promise<z.output<S>>;
  post<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    opts?: GraphCallOptions,
  ): Promise<z.output<S>>;
  patch(path: string, body: unknown, opts?: GraphCallOptions): Promise<HttpResponse>;
  delete(path: string, opts?: GraphCallOptions): Promise<HttpResponse>;
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
  ping(): Promise<{ organizationId: string }>;
  close(): Promise<void>;
}

export function parseGraphError(res: HttpResponse): RemoteErrorInfo | undefined {
  const r = graphErrorSchema.safeParse(JSON.parse(res.body.toString('utf8')));
  if (!r.success) return undefined;
  const e = r.data.error;
  const inner = e.innerError;
  return {
    code: e.code,
    message: e.message,
    requestId: inner?.['request-id'] ?? res.headers['request-id'],
    date: inner?.date,
    ...(inner?.['client-request-id'] ? { extra: { clientRequestId: inner['client-request-id'] } } : {}),
  };
}

export function createGraphClient(
  tenant: TenantConfig,
  tokens: TokenProvider,
  opts: GraphClientOptions = {},
): GraphClient {
  const version = opts.version ?? 'v1.0';
  const root = new URL(`${tenant.graphBaseUrl}/${version}/`);
  const http = createHttpClient({
    service: 'graph',
    baseUrl: root.href,
    ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
    agent: { caFile: tenant.caFile, caPem: opts.caPem },
    auth: { hosts: [root.host], getToken: ({ forceRefresh }) => tokens.getToken('graph', { forceRefresh }) },
    retry: opts.retry,
    timeout: opts.timeout,
    limits: opts.limits,
    clock: opts.clock,
    random: opts.random,
    errorParser: parseGraphError,
    toError: (init) => new GraphError(init),
  });

  const build = Object.assign(
    (url: string, o: GraphCallOptions = {}): CallOptions => {
      const { prefer, headers, ...rest } = o;
      return {
        ...rest,
        url: /^https?:\/\//i.test(url) ? new URL(url) : url.replace(/^\//, ''),
        headers: {
          'client-request-id': randomUUID(),
          ...(prefer && prefer.length > 0 ? { prefer: prefer.join(', ') } : {}),
          ...headers,
        },
      };
    },
    { host: root.host },
  ) as GraphRequestBuilder;

  const batchSettings = {
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

  const target = (res: HttpResponse, method: string) => ({
    service: 'graph',
    method,
    host: res.url.host,
    path: res.url.pathname,
  });

  return {
    http,
    async get(path, schema, o) {
      const res = await http.request({ ...build(path, o), method: 'GET' });
      return parseJson(res, schema, target(res, 'GET'));
    },
    async post(path, body, schema, o) {
      const res = await http.request({ ...build(path, o), method: 'POST', json: body });
      return parseJson(res, schema, target(res, 'POST'));
    },
    patch: (path, body, o) => http.request({ ...build(path, o), method: 'PATCH', json: body }),
    delete: (path, o) => http.request({ ...build(path, o), method: 'DELETE' }),
    raw: ({ prefer, ...call }) => {
      const b = build(typeof call.url === 'string' ? call.url : call.url.href, {
        prefer,
        headers: call.headers,
      });
      return http.request({ ...call, url: b.url, headers: b.headers });
    },
    pages(path, o = {}) {
      return {
        async *[Symbol.asyncIterator]() {
          for await (const page of walkPages(http, build, path, o)) yield page.items;
        },
      };
    },
    delta: (resourceOrDeltaLink, o = {}) => deltaRound(http, build, resourceOrDeltaLink, o),
    batch: (items, o) => runBatch(http, build, items, batchSettings, o),
    async ping() {
      const org = await this.get('organization', organizationListSchema, { query: { $select: 'id' } });
      const id = org.value[0]?.id;
      if (id === undefined)
        throw new GraphError({
          status: 404,
          code: 'NoOrganization',
          message: 'no organization returned',
          attempts: 1,
          target: { service: 'graph', method: 'GET', host: root.host, path: `${root.pathname}organization` },
        });
      return { organizationId: id };
    },
    close: () => http.close(),
  };
}
