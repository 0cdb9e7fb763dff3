// An HTTP client for one outside service: builds the chain retry -> redirect -> auth -> limit ->
// metrics -> timeout -> send over one undici dispatcher, and turns non-2xx answers into typed errors
// with the connector's own error parser. Connectors wrap it; nothing else sends HTTP.
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { createAgent, type AgentOptions } from './agent.js';
import { type Clock, systemClock } from './clock.js';
import { HttpStatusError, type HttpStatusErrorInit, type RemoteErrorInfo } from './errors.js';
import { parseJson, responseTarget } from './json.js';
import { HostLimiter, type LimitOptions } from './limiter.js';
import { type AuthOptions, authStep } from './steps/auth.js';
import { metricsStep } from './steps/metrics.js';
import { limitStep } from './steps/limit.js';
import { type RedirectOptions, redirectStep } from './steps/redirect.js';
import { parseRetryAfterMs, type RetryOptions, retryStep, targetOf } from './steps/retry.js';
import { sendStep } from './steps/send.js';
import { type TimeoutOptions, timeoutStep } from './steps/timeout.js';
import type { UpstreamWait } from './upstream-wait.js';
import type {
  ChainContext,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  Next,
  RequestBody,
  Step,
  StepOverrides,
} from './types.js';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface HttpClientOptions {
  /** Metrics label and message prefix, e.g. 'graph'. */
  service: string;
  /** Relative paths resolve against it, e.g. https://graph.microsoft.com/v1.0/ . */
  baseUrl?: string;
  /** Send through this dispatcher (shared or a MockAgent); otherwise the client builds one from `agent`. */
  dispatcher?: Dispatcher;
  agent?: AgentOptions;
  auth?: AuthOptions;
  retry?: Partial<RetryOptions>;
  timeout?: Partial<TimeoutOptions>;
  redirect?: Partial<RedirectOptions>;
  limits?: LimitOptions;
  /** Share one limiter between clients that talk to the same hosts under the same budget. */
  limiter?: HostLimiter;
  maxBodyBytes?: number;
  headers?: Record<string, string>;
  clock?: Clock;
  /** Jitter source, [0, 1). */
  random?: () => number;
  /** Reads the service's error body (with its zod schema) into code, message and request id. */
  errorParser?: (res: HttpResponse) => RemoteErrorInfo | undefined;
  /** Builds the connector's own error class; defaults to HttpStatusError. */
  toError?: (init: HttpStatusErrorInit, res: HttpResponse) => Error;
  /** Extra steps placed between auth and limit (e.g. a connector's header stamping). */
  steps?: Step[];
}

export interface CallOptions extends StepOverrides {
  method?: HttpMethod;
  /** Absolute URL, or a path relative to baseUrl. */
  url: string | URL;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  body?: RequestBody;
  /** Serialised as JSON with content-type application/json. */
  json?: unknown;
  idempotent?: boolean;
  responseType?: 'buffer' | 'stream';
  /** Keep only the first this many bytes of the body (the answer says `truncated`); see HttpRequest. */
  truncateBodyAt?: number;
  signal?: AbortSignal;
  deadlineAt?: number;
  /** Statuses handed back as answers instead of thrown, e.g. [404] for an existence check; 'all' for every one. */
  acceptStatus?: readonly number[] | 'all';
  /** Records the call, retries and token fetch included, as time spent waiting upstream. */
  wait?: UpstreamWait;
}

export interface HttpClient {
  readonly service: string;
  readonly clock: Clock;
  /** Runs the chain and throws a typed error for a non-2xx status not in acceptStatus. */
  request(call: CallOptions): Promise<HttpResponse>;
  /** `request` then parse the body with `schema`. */
  json<S extends z.ZodType>(call: CallOptions, schema: S): Promise<z.output<S>>;
  /** Builds the typed error for an answer (for connectors that accept a status and decide later). */
  errorFor(res: HttpResponse, method: string): Error;
  close(): Promise<void>;
}

const REQUEST_ID_HEADERS = ['request-id', 'x-ms-request-id', 'x-request-id', 'client-request-id'];

export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const clock = opts.clock ?? systemClock;
  const ownDispatcher = opts.dispatcher === undefined;
  const dispatcher = opts.dispatcher ?? createAgent(opts.agent);
  const ctx: ChainContext = { service: opts.service, clock, dispatcher };
  const limiter = opts.limiter ?? new HostLimiter(opts.limits ?? {}, clock);
  const steps: Step[] = [
    retryStep(ctx, opts.retry, opts.random),
    redirectStep(ctx, opts.redirect),
    ...(opts.auth ? [authStep(opts.auth)] : []),
    ...(opts.steps ?? []),
    limitStep(ctx, limiter),
    metricsStep(ctx),
    timeoutStep(ctx, opts.timeout),
  ];
  const chain = compose(steps, sendStep(ctx, opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES));
  const base =
    opts.baseUrl === undefined
      ? undefined
      : new URL(opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`);

  function errorFor(res: HttpResponse, method: string): Error {
    const info = safeParse(opts.errorParser, res);
    const init: HttpStatusErrorInit = {
      ...info,
      requestId: info?.requestId ?? REQUEST_ID_HEADERS.map((h) => res.headers[h]).find(Boolean),
      date: info?.date ?? res.headers.date,
      status: res.status,
      target: responseTarget(opts.service, method, res),
      retryAfterMs: parseRetryAfterMs(res.headers['retry-after'], clock.now()),
      attempts: res.attempts,
    };
    return opts.toError ? opts.toError(init, res) : new HttpStatusError(init);
  }

  async function request(call: CallOptions): Promise<HttpResponse> {
    const req = buildRequest(call, base, opts.headers);
    const end = call.wait?.begin();
    const res = await chain(req).finally(end);
    const accepted =
      call.acceptStatus === 'all' ||
      (Array.isArray(call.acceptStatus) && call.acceptStatus.includes(res.status));
    if (res.status < 400 || accepted) return res;
    res.stream?.resume();
    throw errorFor(res, req.method);
  }

  return {
    service: opts.service,
    clock,
    request,
    errorFor,
    async json(call, schema) {
      const res = await request(call);
      return parseJson(res, schema, targetOf(opts.service, { ...buildRequest(call, base), url: res.url }));
    },
    async close() {
      if (ownDispatcher) await dispatcher.close();
    },
  };
}

export function compose(steps: readonly Step[], last: Next): Next {
  return steps.reduceRight<Next>((next, step) => (req) => step(req, next), last);
}

function safeParse(parser: HttpClientOptions['errorParser'], res: HttpResponse): RemoteErrorInfo | undefined {
  if (!parser || res.stream) return undefined;
  try {
    return parser(res);
  } catch {
    return undefined; // an unreadable error body still yields an error with status and request id
  }
}

export function buildRequest(
  call: CallOptions,
  base: URL | undefined,
  defaults: Record<string, string> = {},
): HttpRequest {
  const url = typeof call.url === 'string' ? new URL(call.url.replace(/^\//, ''), base) : new URL(call.url);
  for (const [k, v] of Object.entries(call.query ?? {}))
    if (v !== undefined) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...defaults, ...call.headers })) headers[k.toLowerCase()] = v;
  let body = call.body;
  if (call.json !== undefined) {
    body = JSON.stringify(call.json);
    headers['content-type'] ??= 'application/json';
  }
  headers.accept ??= 'application/json';
  return {
    method: call.method ?? 'GET',
    url,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(call.idempotent !== undefined ? { idempotent: call.idempotent } : {}),
    ...(call.responseType ? { responseType: call.responseType } : {}),
    ...(call.truncateBodyAt !== undefined ? { truncateBodyAt: call.truncateBodyAt } : {}),
    ...(call.signal ? { signal: call.signal } : {}),
    ...(call.deadlineAt !== undefined ? { deadlineAt: call.deadlineAt } : {}),
    overrides: { retry: call.retry, timeout: call.timeout, redirect: call.redirect, auth: call.auth },
  };
}
