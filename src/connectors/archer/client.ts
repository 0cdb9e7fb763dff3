// RSA Archer REST client on platform/http: base URL `<baseUrl><basePath>/core/`, one session shared
// by every call (single-flight login, one re-login on 401, logout on close), envelope parsing with
// typed errors, and the Content API path for searches. No business rules here.
import { z } from 'zod';
import {
  type ConnectorRequest,
  connectorCall,
  createConnectorClient,
  type HttpClient,
  type HttpMethod,
  type HttpResponse,
  parseJson,
  responseTarget,
} from '../../platform/http/index.js';
import { readEnvelope, readEnvelopes, refuseHtml } from './envelope.js';
import { ArcherError, parseArcherError } from './errors.js';
import { sessionOps } from './login.js';
import { applicationSchema } from './schemas.js';
import { ArcherSession, sessionStep } from './session.js';
import type { ArcherClientOptions, ArcherConnection } from './types.js';

export type ArcherRequest = ConnectorRequest;

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
  /** Cheap login and reachability check: one application's id and name. */
  ping(): Promise<void>;
  /** Logs out (when a session is open) and releases connections. */
  close(): Promise<void>;
}

export function createArcherClient(conn: ArcherConnection, opts: ArcherClientOptions = {}): ArcherClient {
  const root = new URL(`${conn.baseUrl.replace(/\/+$/, '')}/`);
  const api = `${conn.basePath.replace(/^\/+|\/+$/g, '')}/core/`;
  const session = new ArcherSession(sessionOps(() => http, conn, api));
  const http = createConnectorClient(
    {
      service: 'archer',
      baseUrl: root.href,
      caFile: conn.caFile,
      limits: { concurrency: 4 },
      errorParser: parseArcherError,
      toError: (init) => new ArcherError(init),
      steps: [sessionStep(session, root.host)],
    },
    opts,
  );
  const send = (method: HttpMethod, path: string, o?: ArcherRequest, body?: unknown): Promise<HttpResponse> =>
    http.request({
      ...connectorCall(`${api}${path}`, o),
      method,
      ...(body !== undefined ? { json: body } : {}),
    });
  const { password: _password, ...visible } = conn;
  const client: ArcherClient = {
    http,
    connection: Object.freeze(visible),
    get: async (path, schema, o) => readEnvelope(await send('GET', path, o), 'GET', schema, `GET ${path}`),
    list: async (path, schema, o) => readEnvelopes(await send('GET', path, o), 'GET', schema, `GET ${path}`),
    post: async (path, body, schema, o) =>
      readEnvelope(await send('POST', path, o, body), 'POST', schema, `POST ${path}`),
    put: async (path, body, schema, o) =>
      readEnvelope(await send('PUT', path, o, body), 'PUT', schema, `PUT ${path}`),
    delete: async (path, o) => {
      readEnvelope(await send('DELETE', path, o), 'DELETE', z.unknown(), `DELETE ${path}`);
    },
    contentApi: async (path, schema, o) => {
      const res = await http.request({ ...connectorCall(`contentapi/${path}`, o), method: 'GET' });
      const target = responseTarget('archer', 'GET', res);
      refuseHtml(res, target);
      return parseJson(res, schema, target);
    },
    ping: async () => {
      await client.list('system/application', applicationSchema, { query: { $top: 1, $select: 'Id,Name' } });
    },
    close: async () => {
      try {
        await session.logout();
      } finally {
        await http.close();
      }
    },
  };
  return client;
}
