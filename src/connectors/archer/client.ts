// RSA Archer REST client on platform/http: base URL `<baseUrl><basePath>/core/`, one session shared
// by every call (single-flight login, one re-login on 401, logout on close), envelope parsing with
// typed errors, and the Content API path for searches. No business rules here.
import { z } from 'zod';
import {
  type CallOptions,
  createHttpClient,
  type HttpClient,
  type HttpResponse,
  parseJson,
  type RemoteErrorInfo,
  responseTarget,
  tryJson,
} from '../../platform/http/index.js';
import { readEnvelope, readEnvelopes, refuseHtml, requestedObject } from './envelope.js';
import { ArcherAuthError, ArcherConfigError, ArcherError } from './errors.js';
import { archerErrorSchema, envelopeSchema, sessionSchema } from './schemas.js';
import { ArcherSession, sessionStep } from './session.js';
import type { ArcherCallOptions, ArcherClientOptions, ArcherConnection } from './types.js';

export interface ArcherRequest extends ArcherCallOptions {
  query?: Record<string, string | number | undefined>;
}

export interface ArcherClient {
  readonly http: HttpClient;
  readonly connection: Readonly<Omit<ArcherConnection, 'password'>>;
  /** GET `<basePath>/core/<path>` → RequestedObject parsed with `schema`. */
  get<S extends z.ZodType>(path: string, schema: S, o?: ArcherRequest): Promise<z.output<S>>;
  /** GET of a collection (an array of envelopes) → the RequestedObjects. */
  list<S extends z.ZodType>(path: string, schema: S, o?: ArcherRequest): Promise<Array<z.output<S>>>;
  post<S extends z.ZodType>(path: string, body: unknown, schema: S, o?: ArcherRequest): Promise<z.output<S>>;
  put<S extends z.ZodType>(path: string, body: unknown, schema: S, o?: ArcherRequest): Promise<z.output<S>>;
  delete(path: string, o?: ArcherRequest): Promise<void>;
  /** GET `<baseUrl>/contentapi/<path>` (OData), parsed with `schema`. */
  contentApi<S extends z.ZodType>(path: string, schema: S, o?: ArcherRequest): Promise<z.output<S>>;
  /** Logs out (when a session is open) and releases connections. */
  close(): Promise<void>;
}

/** Reads ASP.NET's `{Message}` or OData's `{error:{message}}` from an error answer. */
export function parseArcherError(res: HttpResponse): RemoteErrorInfo | undefined {
  const r = archerErrorSchema.safeParse(tryJson(res));
  if (!r.success) return undefined;
  const d = r.data as { Message?: string; error?: { code?: string; message: string } };
  if (d.error) return { ...(d.error.code ? { code: d.error.code } : {}), message: d.error.message };
  return d.Message === undefined ? undefined : { message: d.Message };
}

/** The connection from the `[archer]` config; a missing key is a GSOC_ARCHER_NOT_CONFIGURED error. */
export function archerConnection(cfg: Partial<ArcherConnection>): ArcherConnection {
  const missing = (['baseUrl', 'instanceName', 'username', 'password'] as const).filter((k) => !cfg[k]);
  if (missing.length > 0) throw new ArcherConfigError(missing);
  return {
    baseUrl: (cfg.baseUrl as string).replace(/\/+$/, ''),
    basePath: cfg.basePath ?? '/platformapi',
    instanceName: cfg.instanceName as string,
    username: cfg.username as string,
    userDomain: cfg.userDomain ?? '',
    password: cfg.password as string,
    caFile: cfg.caFile,
  };
}

export function createArcherClient(conn: ArcherConnection, opts: ArcherClientOptions = {}): ArcherClient {
  const root = new URL(`${conn.baseUrl.replace(/\/+$/, '')}/`);
  const api = `${conn.basePath.replace(/^\/+|\/+$/g, '')}/core/`;
  const session = new ArcherSession({ login, logout });
  const http = createHttpClient({
    service: 'archer',
    baseUrl: root.href,
    ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
    agent: { caFile: conn.caFile, caPem: opts.caPem },
    retry: opts.retry,
    timeout: opts.timeout,
    limits: opts.limits ?? { concurrency: 4 },
    clock: opts.clock,
    random: opts.random,
    errorParser: parseArcherError,
    toError: (init) => new ArcherError(init),
    steps: [sessionStep(session, root.host)],
  });

  function call(url: string, o: ArcherRequest = {}): CallOptions {
    return {
      url,
      ...(o.query ? { query: o.query } : {}),
      signal: o.signal,
      deadlineAt: o.deadlineAt,
      wait: o.wait,
      retry: o.retry,
      timeout: o.timeout,
    };
  }

  async function login(): Promise<string> {
    // The body is a JSON object, encoded once (the seed project double-encoded it into a string).
    const res = await http.request({
      ...call(`${api}security/login`),
      method: 'POST',
      json: {
        InstanceName: conn.instanceName,
        Username: conn.username,
        UserDomain: conn.userDomain,
        Password: conn.password,
      },
      // Logging in again is harmless, so a 503 during login is retried like a read.
      idempotent: true,
      auth: { enabled: false },
    });
    const target = responseTarget('archer', 'POST', res);
    refuseHtml(res, target);
    const env = parseJson(res, envelopeSchema, target);
    if (!env.IsSuccessful)
      throw new ArcherAuthError(conn.instanceName, conn.username, env.ValidationMessages ?? []);
    return requestedObject(env, sessionSchema, target, 'the login').SessionToken;
  }

  async function logout(token: string): Promise<void> {
    // An already expired session answers 401; it is gone either way.
    await http.request({
      ...call(`${api}security/logout`),
      method: 'POST',
      json: { Value: token },
      headers: { authorization: `Archer session-id=${token}` },
      auth: { enabled: false },
      acceptStatus: [401],
    });
  }

  const { password: _password, ...visible } = conn;
  return {
    http,
    connection: Object.freeze(visible),
    async get(path, schema, o) {
      const res = await http.request({ ...call(`${api}${path}`, o), method: 'GET' });
      return readEnvelope(res, 'GET', schema, `GET ${path}`);
    },
    async list(path, schema, o) {
      const res = await http.request({ ...call(`${api}${path}`, o), method: 'GET' });
      return readEnvelopes(res, 'GET', schema, `GET ${path}`);
    },
    async post(path, body, schema, o) {
      const res = await http.request({ ...call(`${api}${path}`, o), method: 'POST', json: body });
      return readEnvelope(res, 'POST', schema, `POST ${path}`);
    },
    async put(path, body, schema, o) {
      const res = await http.request({ ...call(`${api}${path}`, o), method: 'PUT', json: body });
      return readEnvelope(res, 'PUT', schema, `PUT ${path}`);
    },
    async delete(path, o) {
      const res = await http.request({ ...call(`${api}${path}`, o), method: 'DELETE' });
      readEnvelope(res, 'DELETE', z.unknown(), `DELETE ${path}`);
    },
    async contentApi(path, schema, o) {
      const res = await http.request({ ...call(`contentapi/${path}`, o), method: 'GET' });
      const target = responseTarget('archer', 'GET', res);
      refuseHtml(res, target);
      return parseJson(res, schema, target);
    },
    async close() {
      try {
        await session.logout();
      } finally {
        await http.close();
      }
    },
  };
}
