// TAXII 2.1 emulator: one HTTPS listener with discovery, API roots, collections and their objects
// over seeded, lazily generated STIX 2.1 collections (indicators with single, OR-joined and compound
// patterns, revoked and expired ones, TLP markings, plus identities, malware, relationships and
// marking definitions), Basic and bearer auth, Accept checking, an optional request limit with
// time compression, fault injection and the control API. Written from the OASIS specification.
import { registerControlApi } from '../shared/control.js';
import { FaultStore } from '../shared/faults.js';
import { type ListenerHandle, listenerHandle } from '../shared/listener-handle.js';
import { createHttpsApp, listenHttps } from '../shared/https-server.js';
import { RequestLog } from '../shared/request-log.js';
import { type CertificateAuthority, listenerTls } from '../shared/tls.js';
import { installTraffic } from '../shared/traffic.js';
import { DISCOVERY_PATH, registerTaxiiApi } from './app.js';
import { authenticate, type TaxiiToken, type TaxiiUser } from './auth.js';
import type { ApiRootDef, Collection, CollectionDef, TaxiiContext } from './context.js';
import { type AddedObject, type TaxiiControlTarget, taxiiControlRoutes } from './control.js';
import type { StixObject } from './corpus/generate.js';
import { CollectionStore } from './corpus/store.js';
import { DEFAULT_TAXII_TOKEN, DEFAULT_TAXII_USER, defaultApiRoots, defaultCollections } from './defaults.js';
import { renderTaxiiFault } from './faults.js';
import { DEFAULT_LIMITS, type LimitSettings, RequestLimits } from './limits.js';
import { formatMs, formatStamp } from './timestamps.js';

export type { TaxiiToken, TaxiiUser } from './auth.js';
export type { ApiRootDef, CollectionDef } from './context.js';
export type { AddedObject } from './control.js';
export { COPYRIGHT_MARKING, type StixObject } from './corpus/generate.js';
export { TLP_IDS } from './corpus/tlp.js';
export * from './defaults.js';
export type { LimitSettings } from './limits.js';
export { formatStamp, parseStamp } from './timestamps.js';

export interface TaxiiEmulatorOptions {
  ca?: CertificateAuthority;
  host?: string | undefined;
  port?: number;
  /** Seed of every generated collection without its own (default 1). */
  seed?: number;
  apiRoots?: ApiRootDef[];
  collections?: CollectionDef[];
  /** date_added of the newest generated object; default the start time. */
  corpusEndMs?: number;
  /** Generated date_added values spread over this span before corpusEndMs (default 30 days). */
  corpusSpanMs?: number;
  users?: TaxiiUser[];
  tokens?: TaxiiToken[];
  /** Off by default; timeScale compresses its minute. */
  limits?: Partial<LimitSettings>;
  /** The most objects per page whatever limit asks (default 1,000). */
  maxPageSize?: number;
  latencyMs?: number;
  /** Clock for date_added of added objects and for the request limit. */
  now?: () => number;
}

/** `reset` goes back to the start collections, credentials and limits. */
export interface TaxiiEmulator extends TaxiiControlTarget, ListenerHandle {
  /** https://host:port/taxii2/ */
  discoveryUrl: string;
  /** The default API root, https://host:port/api1/ */
  apiRootUrl: string;
  collectionIds: string[];
}

export async function startTaxiiEmulator(opts: TaxiiEmulatorOptions = {}): Promise<TaxiiEmulator> {
  const host = opts.host ?? 'localhost';
  const { ca, caPath, tls } = listenerTls(opts.ca, 'graphsoc TAXII emulator CA', host, 'taxii-ca.pem');
  const now = opts.now ?? Date.now;
  const apiRoots = opts.apiRoots ?? defaultApiRoots();
  const defs = opts.collections ?? defaultCollections();
  const endUs = (opts.corpusEndMs ?? Math.floor(now() / 1000) * 1000) * 1000;
  const spanUs = (opts.corpusSpanMs ?? 30 * 86_400_000) * 1000;
  const build = () =>
    new Map<string, Collection>(
      defs.map((def) => [
        def.id,
        {
          def,
          store: new CollectionStore(def.id, {
            seed: def.seed ?? opts.seed ?? 1,
            size: def.size ?? 2000,
            endUs,
            spanUs,
          }),
        },
      ]),
    );
  const ctx: TaxiiContext = {
    apiRoots,
    collections: build(),
    users: [...(opts.users ?? [DEFAULT_TAXII_USER])],
    tokens: [...(opts.tokens ?? [DEFAULT_TAXII_TOKEN])],
    limits: new RequestLimits({ ...DEFAULT_LIMITS, ...opts.limits }, now),
    settings: { maxPageSize: opts.maxPageSize ?? 1000 },
    now,
  };
  const faults = new FaultStore();
  const log = new RequestLog();
  let latency = opts.latencyMs ?? 0;

  const collection = (id: string): Collection => {
    const c = ctx.collections.get(id);
    if (c === undefined) throw new Error(`no collection ${id}`);
    return c;
  };
  const added = (c: Collection, object: StixObject): AddedObject => {
    const e = c.store.add(object, now() * 1000);
    return { object: e.object, dateAdded: formatStamp(e.addedUs) };
  };
  const control: TaxiiControlTarget = {
    addObjects: (id, objects) => {
      const c = collection(id);
      return objects.map((o) => added(c, o));
    },
    revokeObject: (id, objectId) => {
      const c = collection(id);
      const old = c.store.find(objectId);
      if (old === undefined) throw new Error(`no object ${objectId} in ${id}`);
      // A new version must have a later modified (STIX 2.1 §3.6): a millisecond past the old one at least.
      const modifiedMs = Math.max(now(), Date.parse(String(old.object.modified ?? old.object.created)) + 1);
      return added(c, { ...old.object, revoked: true, modified: formatMs(modifiedMs) });
    },
    getObject: (id, objectId) => collection(id).store.find(objectId)?.object,
    objectAt: (id, index) => collection(id).store.at(index)?.object,
    addUser: (u) => {
      ctx.users = [...ctx.users.filter((x) => x.username !== u.username), u];
    },
    addToken: (t) => {
      ctx.tokens = [...ctx.tokens.filter((x) => x.token !== t.token), t];
    },
    setLimits: (s) => ctx.limits.configure(s),
    setMaxPageSize: (n) => {
      ctx.settings.maxPageSize = n;
    },
  };

  const reset = () => {
    ctx.collections = build();
    ctx.users = [...(opts.users ?? [DEFAULT_TAXII_USER])];
    ctx.tokens = [...(opts.tokens ?? [DEFAULT_TAXII_TOKEN])];
    ctx.limits = new RequestLimits({ ...DEFAULT_LIMITS, ...opts.limits }, now);
    ctx.settings.maxPageSize = opts.maxPageSize ?? 1000;
    faults.clear();
    log.clear();
    latency = opts.latencyMs ?? 0;
  };

  const app = createHttpsApp(tls);
  installTraffic(app, {
    listener: 'taxii',
    faults,
    log,
    latencyMs: () => latency,
    identify: (request) => ({
      appId: authenticate(request.headers.authorization, ctx.users, ctx.tokens)?.name,
    }),
    renderFault: (rule, request) => renderTaxiiFault(rule, request),
  });
  registerTaxiiApi(app, ctx);
  const setLatency = (ms: number) => {
    latency = ms;
  };
  registerControlApi(app, { faults, log, caPem: ca.certPem, setLatency, reset }, taxiiControlRoutes(control));
  const url = await listenHttps(app, host, opts.port ?? 0, tls);

  return {
    ...listenerHandle({ url, caPem: ca.certPem, caPath, app, faults, log, setLatency, reset }),
    discoveryUrl: `${url}${DISCOVERY_PATH}`,
    apiRootUrl: `${url}/${apiRoots[0]?.name}/`,
    collectionIds: defs.map((d) => d.id),
    ...control,
  };
}
