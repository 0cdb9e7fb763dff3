// The TAXII 2.1 client on platform/http: the configured URL (discovery or API root), the credential
// sent to that host only, the TAXII Accept header, 429/503/504 retried by the platform honouring
// Retry-After, typed errors. The API root is found once (discovery's default, or taxii.apiRoot) and
// kept. Resources (resources/*.ts) build every request.
import {
  type ConnectorRequest,
  connectorCall,
  createConnectorClient,
  type HttpClient,
} from '../../platform/http/index.js';
import type { z } from 'zod';
import { errors, parseTaxiiError, TaxiiConfigError, TaxiiError } from './errors.js';
import { readAnswer } from './read.js';
import { apiRootSchema, discoverySchema } from './schemas.js';
import { acceptStep, credentialStep } from './steps.js';
import type { TaxiiClientOptions, TaxiiConnection } from './types.js';

export type TaxiiRequest = ConnectorRequest;

export interface TaxiiAnswer<T> {
  body: T;
  headers: Record<string, string>;
}

export interface TaxiiClient {
  readonly http: HttpClient;
  /** The connection without its credential. */
  readonly connection: Readonly<Omit<TaxiiConnection, 'credential'>> & { credentialKind: string };
  /** GET an absolute URL, parsed with `schema`, with the answer's headers. */
  get<S extends z.ZodType>(url: URL, schema: S, o?: TaxiiRequest): Promise<TaxiiAnswer<z.output<S>>>;
  /** The API root URL (with its trailing slash), found once. */
  apiRoot(o?: TaxiiRequest): Promise<URL>;
  /** Cheap credential and reachability check: the API root's information. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** An API root answer has versions (tried first: every field of a discovery is optional but title). */
const configuredSchema = apiRootSchema.or(discoverySchema);

export function createTaxiiClient(conn: TaxiiConnection, opts: TaxiiClientOptions = {}): TaxiiClient {
  const configured = new URL(conn.url);
  const http = createConnectorClient(
    {
      service: 'taxii',
      baseUrl: configured.href,
      caFile: conn.caFile,
      // TAXII sets no rate; a few calls a second keeps a shared feed friendly.
      limits: { concurrency: 2, ratePerSec: 5 },
      errorParser: parseTaxiiError,
      toError: (init) => new TaxiiError(init),
      steps: [acceptStep(), credentialStep(configured.host, conn.credential)],
    },
    opts,
  );
  const get: TaxiiClient['get'] = async (url, schema, o) => {
    const res = await http.request({ ...connectorCall(url.href, o), method: 'GET' });
    return { body: readAnswer(res, schema, `GET ${url.pathname}`), headers: res.headers };
  };

  async function findApiRoot(o?: TaxiiRequest): Promise<URL> {
    const { body } = await get(configured, configuredSchema, o);
    if ('versions' in body) return configured;
    const roots = body.api_roots;
    const chosen = conn.apiRoot ?? body.default;
    if (chosen === undefined)
      throw new TaxiiConfigError(
        errors.NO_API_ROOT,
        `The TAXII discovery at ${configured.host} names no default API root; set taxii.apiRoot to one of: ${roots.join(', ') || 'none'}`,
      );
    const root = new URL(chosen.endsWith('/') ? chosen : `${chosen}/`, configured);
    // The credential goes to the configured host only: a root elsewhere must be configured as the url.
    if (root.host !== configured.host || root.protocol !== 'https:')
      throw new TaxiiConfigError(
        errors.NO_API_ROOT,
        `The TAXII API root ${root.origin}${root.pathname} is not on ${configured.host}; set taxii.url to it`,
      );
    return root;
  }

  let pending: Promise<URL> | undefined;
  const apiRoot: TaxiiClient['apiRoot'] = (o) => {
    pending ??= findApiRoot(o).catch((e) => {
      pending = undefined;
      throw e;
    });
    return pending;
  };
  const { credential, ...visible } = conn;
  return {
    http,
    connection: Object.freeze({
      ...visible,
      collectionIds: Object.freeze([...conn.collectionIds]),
      credentialKind: credential.kind,
    }),
    get,
    apiRoot,
    ping: async () => {
      await get(await apiRoot(), apiRootSchema);
    },
    close: () => http.close(),
  };
}
