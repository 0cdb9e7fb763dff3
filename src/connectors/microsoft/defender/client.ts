// Microsoft Defender for Endpoint API client on platform/http: base URL `<defenderBaseUrl>/api/`,
// app-only token for the securitycenter audience sent only to that host, typed Defender errors.
// Resources build paths through `segment` so no caller value can change a URL's shape.
import type { z } from 'zod';
import type { TenantConfig } from '../../../platform/config/tenant.js';
import {
  createHttpClient,
  type HttpClient,
  type HttpResponse,
  parseJson,
  type RemoteErrorInfo,
  responseTarget,
} from '../../../platform/http/index.js';
import type { TokenProvider } from '../identity/index.js';
import { DefenderError } from './errors.js';
import { defenderErrorSchema } from './schemas.js';
import type { DefenderCallOptions, DefenderClientOptions } from './types.js';

export interface DefenderRequest extends DefenderCallOptions {
  query?: Record<string, string | number | undefined>;
  /** Safe to repeat after a 429/503/504 (machine actions and indicator upserts are). */
  idempotent?: boolean;
}

export interface DefenderClient {
  readonly http: HttpClient;
  /** The only host tokens go to (defenderBaseUrl's). */
  readonly host: string;
  get<S extends z.ZodType>(path: string, schema: S, o?: DefenderRequest): Promise<z.output<S>>;
  post<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    o?: DefenderRequest,
  ): Promise<z.output<S>>;
  delete(path: string, o?: DefenderRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

/** Reads `{"error":{"code","message","target"}}`; `target` is the request id the API reports. */
export function parseDefenderError(res: HttpResponse): RemoteErrorInfo | undefined {
  let value: unknown;
  try {
    value = JSON.parse(res.body.toString('utf8'));
  } catch {
    return undefined;
  }
  const r = defenderErrorSchema.safeParse(value);
  if (!r.success) return undefined;
  const e = r.data.error;
  return { code: e.code, message: e.message, requestId: e.target };
}

/**
 * One path segment from a caller value: percent-encoded, and never `.`/`..` (which URL resolution
 * would turn into a different path even when encoded).
 */
export function segment(value: string): string {
  if (value === '' || value === '.' || value === '..') throw new TypeError('invalid path segment');
  return encodeURIComponent(value);
}

export function createDefenderClient(
  tenant: TenantConfig,
  tokens: TokenProvider,
  opts: DefenderClientOptions = {},
): DefenderClient {
  const root = new URL(`${tenant.defenderBaseUrl}/api/`);
  const http = createHttpClient({
    service: 'defender',
    baseUrl: root.href,
    ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
    agent: { caFile: tenant.caFile, caPem: opts.caPem },
    auth: {
      hosts: [root.host],
      getToken: ({ forceRefresh }) => tokens.getToken('defender', { forceRefresh }),
    },
    retry: opts.retry,
    timeout: opts.timeout,
    // Defender documents 100 calls a minute for actions and indicators; a few in flight is plenty.
    limits: opts.limits ?? { concurrency: 4 },
    clock: opts.clock,
    random: opts.random,
    errorParser: parseDefenderError,
    toError: (init) => new DefenderError(init),
  });
  const call = (path: string, o: DefenderRequest = {}) => ({
    url: path.replace(/^\//, ''),
    ...(o.query ? { query: o.query } : {}),
    ...(o.idempotent !== undefined ? { idempotent: o.idempotent } : {}),
    signal: o.signal,
    deadlineAt: o.deadlineAt,
    wait: o.wait,
    retry: o.retry,
    timeout: o.timeout,
  });
  return {
    http,
    host: root.host,
    async get(path, schema, o) {
      const res = await http.request({ ...call(path, o), method: 'GET' });
      return parseJson(res, schema, responseTarget('defender', 'GET', res));
    },
    async post(path, body, schema, o) {
      const res = await http.request({ ...call(path, o), method: 'POST', json: body });
      return parseJson(res, schema, responseTarget('defender', 'POST', res));
    },
    delete: (path, o) => http.request({ ...call(path, o), method: 'DELETE' }),
    close: () => http.close(),
  };
}
