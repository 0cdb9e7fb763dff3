// The one way a connector builds its HTTP client: the options every connector shares
// (ConnectorClientOptions: transport, step tuning, test clock and randomness) plus what the connector
// itself decides (service label, base URL, CA file, auth, default limits, error parsing, extra steps).
// Also the per-call options every connector passes through the same way.
import { type CallOptions, createHttpClient, type HttpClient, type HttpClientOptions } from './client.js';
import type { ConnectorCallOptions, ConnectorClientOptions } from './connector-options.js';
import type { LimitOptions } from './limiter.js';

/** What differs between connectors. */
export interface ConnectorHttpSpec
  extends Pick<HttpClientOptions, 'service' | 'baseUrl' | 'auth' | 'errorParser' | 'toError' | 'steps'> {
  /** The configured CA file (tenant or connection), trusted besides the options' caPem. */
  caFile?: string | undefined;
  /** The connector's default when the options set no limits. */
  limits?: LimitOptions;
}

export function createConnectorClient(
  spec: ConnectorHttpSpec,
  opts: ConnectorClientOptions = {},
): HttpClient {
  const { caFile, limits, ...rest } = spec;
  return createHttpClient({
    ...rest,
    ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
    agent: { caFile, caPem: opts.caPem },
    retry: opts.retry,
    timeout: opts.timeout,
    limits: opts.limits ?? limits,
    clock: opts.clock,
    random: opts.random,
  });
}

/** A connector call: the shared per-call options plus a query and whether a repeat is safe. */
export interface ConnectorRequest extends ConnectorCallOptions {
  query?: Record<string, string | number | undefined>;
  /** Safe to repeat after a 429/503/504 (set it for a POST that is). */
  idempotent?: boolean;
}

/** The platform/http call for `url` with the caller's options (and nothing else of theirs). */
export function connectorCall(url: string, o: ConnectorRequest = {}): CallOptions {
  return {
    url,
    ...(o.query ? { query: o.query } : {}),
    ...(o.idempotent !== undefined ? { idempotent: o.idempotent } : {}),
    signal: o.signal,
    deadlineAt: o.deadlineAt,
    wait: o.wait,
    retry: o.retry,
    timeout: o.timeout,
  };
}
