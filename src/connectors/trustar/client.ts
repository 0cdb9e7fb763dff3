// The TruSTAR 2.0 client on platform/http: base URL <baseUrl>/api/2.0/, the token of token.ts sent to
// TruSTAR's host only, Client-Metatag on every request, 429 waitTime honoured, 503/504 and network
// errors retried by the platform, typed errors. Resources (resources/*.ts) build every request.
import {
  type ConnectorRequest,
  connectorCall,
  createConnectorClient,
  type HttpClient,
  type HttpResponse,
  systemClock,
} from '../../platform/http/index.js';
import { parseTrustarError, TrustarError } from './errors.js';
import { readAnswer } from './read.js';
import { getRequestQuotas } from './resources/quotas.js';
import { bearerStep, clientHeadersStep, waitTimeStep } from './steps.js';
import { TrustarTokens } from './token.js';
import type { TrustarClientOptions, TrustarConnection } from './types.js';
import type { z } from 'zod';

export type TrustarRequest = ConnectorRequest;

export interface TrustarClient {
  readonly http: HttpClient;
  /** The connection without its secret. */
  readonly connection: Readonly<Omit<TrustarConnection, 'apiSecret'>>;
  /** GET <baseUrl>/<path> (path from the base, e.g. api/2.0/enclaves), parsed with `schema`. */
  get<S extends z.ZodType>(path: string, schema: S, o?: TrustarRequest): Promise<z.output<S>>;
  /** POST a JSON body to <baseUrl>/<path>; searches are reads, so safe to repeat after a 503. */
  post<S extends z.ZodType>(path: string, body: unknown, schema: S, o?: TrustarRequest): Promise<z.output<S>>;
  /** Cheap credential and reachability check: the request quotas (they do not count against the quota). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const API_PATH = 'api/2.0/';

export function createTrustarClient(conn: TrustarConnection, opts: TrustarClientOptions = {}): TrustarClient {
  const root = new URL(`${conn.baseUrl.replace(/\/+$/, '')}/`);
  const clock = opts.clock ?? systemClock;
  const tokens = new TrustarTokens(() => http, conn, new URL('oauth/token', root).href);
  const http = createConnectorClient(
    {
      service: 'trustar',
      baseUrl: root.href,
      caFile: conn.caFile,
      // TruSTAR allows 60 calls a minute per user: one a second keeps a long sync inside it.
      limits: { concurrency: 2, ratePerSec: 1 },
      errorParser: parseTrustarError,
      toError: (init) => new TrustarError(init),
      steps: [
        clientHeadersStep(root.host, conn.clientMetatag),
        bearerStep(tokens, root.host),
        waitTimeStep(root.host, {
          maxWaitMs: opts.maxWaitMs ?? 60_000,
          maxWaits: opts.maxThrottleWaits ?? 10,
          onThrottled: opts.onThrottled,
          sleep: (ms, signal) => clock.sleep(ms, signal),
          now: () => clock.now(),
        }),
      ],
    },
    opts,
  );
  const answer = async <S extends z.ZodType>(res: Promise<HttpResponse>, schema: S, what: string) =>
    readAnswer(await res, schema, what);
  const { apiSecret: _secret, ...visible } = conn;
  const client: TrustarClient = {
    http,
    connection: Object.freeze({ ...visible, enclaveIds: Object.freeze([...conn.enclaveIds]) }),
    get: (path, schema, o) =>
      answer(http.request({ ...connectorCall(path, o), method: 'GET' }), schema, `GET /${path}`),
    post: (path, body, schema, o) =>
      answer(
        http.request({ ...connectorCall(path, { idempotent: true, ...o }), method: 'POST', json: body }),
        schema,
        `POST /${path}`,
      ),
    ping: async () => {
      await getRequestQuotas(client);
    },
    close: () => http.close(),
  };
  return client;
}
