// TruSTAR (Splunk Intelligence Management) 2.0 emulator: one HTTPS listener with the token endpoint,
// the observables and indicators searches over a seeded, lazily generated corpus (up to 1,000,000
// observables across enclaves, changeable by tests), enclaves, request quotas, the per-user limit
// and daily quota with 429 waitTime, time compression, fault injection and the control API.
import { registerControlApi } from '../shared/control.js';
import { FaultStore } from '../shared/faults.js';
import { type ListenerHandle, listenerHandle } from '../shared/listener-handle.js';
import { createHttpsApp, listenHttps } from '../shared/https-server.js';
import { guidFromName } from '../shared/ids.js';
import { RequestLog } from '../shared/request-log.js';
import { type CertificateAuthority, listenerTls } from '../shared/tls.js';
import { installTraffic } from '../shared/traffic.js';
import { registerTrustarApi } from './app.js';
import { CallLog } from './call-log.js';
import type { TrustarContext } from './context.js';
import type {
  CorpusSettings,
  NewObservable,
  ObservableRef,
  ObservableUpdate,
  TrustarControlTarget,
} from './control.js';
import { trustarControlRoutes } from './control.js';
import { CorpusStore } from './corpus/store.js';
import { defaultEnclaves, type Enclave } from './enclaves.js';
import { renderTrustarFault } from './faults.js';
import { DEFAULT_LIMITS, type LimitSettings, RequestLimits } from './limits.js';
import { type ApiCredential, bearerToken, TokenStore } from './tokens.js';

export type { CallEntry } from './call-log.js';
export type { Stored as TrustarObservable } from './corpus/store.js';
export { MAX_CORPUS_SIZE } from './corpus/generate.js';
export { COMMUNITY_ENCLAVE, type Enclave, VETTED_ENCLAVE } from './enclaves.js';
export type { LimitSettings } from './limits.js';
export type { ApiCredential } from './tokens.js';

/** The API credential every emulator accepts unless `credentials` replaces it. */
export const DEFAULT_CREDENTIAL: ApiCredential = {
  apiKey: 'emulator-api-key',
  apiSecret: 'emulator-api-secret-5f0c',
};

/** TruSTAR's documented token lifetime: expires_in 599. */
export const DEFAULT_TOKEN_LIFETIME_MS = 599_000;

export interface TrustarEmulatorOptions {
  ca?: CertificateAuthority;
  host?: string | undefined;
  port?: number;
  /** Corpus seed (default 1): the same seed and size give the same observables. */
  seed?: number;
  /** Generated observables, 0..1,000,000 (default 5,000). */
  corpusSize?: number;
  /** lastSeen of the newest generated observable; default the start time, to the minute. */
  corpusEndMs?: number;
  /** lastSeen spread over this span before corpusEndMs (default 30 days). */
  corpusSpanMs?: number;
  enclaves?: Enclave[];
  credentials?: ApiCredential[];
  tokenLifetimeMs?: number;
  /** Per-user limit, daily quota and time compression (default 60 a minute, 3,000 a day, scale 1). */
  limits?: Partial<LimitSettings>;
  deepPagingLimit?: number;
  latencyMs?: number;
  /** Clock for token expiry, limits and updates; tests pass a controllable one. */
  now?: () => number;
}

/** The control target's methods (corpus, credentials, tokens, limits, storms, calls) and the listener's. */
/**
 * `url` is TruSTAR's base (the token at /oauth/token, the API under /api/2.0); `reset` goes back to
 * the start corpus, credentials and settings, with no tokens.
 */
export interface TrustarEmulator extends TrustarControlTarget, ListenerHandle {
  /** The enclaves the corpus spreads over (the readable ones). */
  enclaveIds: string[];
}

export async function startTrustarEmulator(opts: TrustarEmulatorOptions = {}): Promise<TrustarEmulator> {
  const host = opts.host ?? 'localhost';
  const { ca, caPath, tls } = listenerTls(opts.ca, 'graphsoc TruSTAR emulator CA', host, 'trustar-ca.pem');
  const now = opts.now ?? Date.now;
  const enclaves = opts.enclaves ?? defaultEnclaves();
  const readable = enclaves.filter((e) => e.read).map((e) => e.id.toLowerCase());
  const startLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const startCorpus = {
    seed: opts.seed ?? 1,
    size: opts.corpusSize ?? 5000,
    enclaveGuids: readable,
    endMs: opts.corpusEndMs ?? Math.floor(now() / 60_000) * 60_000,
    spanMs: opts.corpusSpanMs ?? 30 * 86_400_000,
  };
  let baseLifetimeMs = opts.tokenLifetimeMs ?? DEFAULT_TOKEN_LIFETIME_MS;
  const ctx: TrustarContext = {
    corpus: new CorpusStore(startCorpus),
    enclaves,
    credentials: [...(opts.credentials ?? [DEFAULT_CREDENTIAL])],
    tokens: new TokenStore(baseLifetimeMs / startLimits.timeScale, now),
    limits: new RequestLimits(startLimits, now),
    settings: { deepPagingLimit: opts.deepPagingLimit ?? 10_000, stormWaitTimeMs: 1000 },
    seed: startCorpus.seed,
    quotaGuid: guidFromName('trustar-company-quota'),
    calls: new CallLog(),
    storm: { remaining: 0 },
    now,
  };
  const faults = new FaultStore();
  const log = new RequestLog();
  let latency = opts.latencyMs ?? 0;
  // Token lifetime shrinks with time compression, like the limit windows.
  const applyLifetime = () => {
    ctx.tokens.lifetimeMs = Math.max(1, baseLifetimeMs / ctx.limits.settings.timeScale);
  };

  const control = {
    addObservables: (list: NewObservable[]) =>
      list.map((o) =>
        ctx.corpus.add({
          type: o.type,
          value: o.value,
          firstSeen: o.firstSeen ?? o.lastSeen ?? now(),
          lastSeen: o.lastSeen ?? now(),
          enclaveGuids: (o.enclaveGuids ?? [readable[0] as string]).map((g) => g.toLowerCase()),
          tags: o.tags ?? [],
        }),
      ),
    updateObservable: (u: ObservableUpdate) => {
      const target = ctx.corpus.find(u.ref);
      if (target === undefined) throw new Error('no such observable');
      return ctx.corpus.update(
        target,
        { ...u, enclaveGuids: u.enclaveGuids?.map((g) => g.toLowerCase()) },
        now(),
      );
    },
    removeObservable: (ref: ObservableRef) => {
      const target = ctx.corpus.find(ref);
      if (target === undefined) throw new Error('no such observable');
      ctx.corpus.remove(target);
    },
    observableAt: (index: number) => ctx.corpus.at(index),
    setCorpus: (s: CorpusSettings) => {
      const shape = { ...ctx.corpus.generated.shape, ...s };
      ctx.corpus = new CorpusStore(shape);
      ctx.seed = shape.seed;
    },
    addCredential: (c: ApiCredential) => {
      ctx.credentials = [...ctx.credentials.filter((x) => x.apiKey !== c.apiKey), c];
    },
    setTokenLifetimeMs: (ms: number) => {
      baseLifetimeMs = ms;
      applyLifetime();
    },
    expireTokens: () => ctx.tokens.expireAll(),
    setLimits: (s: Partial<LimitSettings>) => {
      ctx.limits.configure(s);
      applyLifetime();
    },
    storm: (count: number, waitTimeMs?: number) => {
      ctx.storm.remaining = count;
      if (waitTimeMs !== undefined) ctx.settings.stormWaitTimeMs = waitTimeMs;
    },
    calls: () => ctx.calls.list(),
    clearCalls: () => ctx.calls.clear(),
  };

  const reset = () => {
    ctx.corpus = new CorpusStore(startCorpus);
    ctx.seed = startCorpus.seed;
    ctx.credentials = [...(opts.credentials ?? [DEFAULT_CREDENTIAL])];
    ctx.tokens.clear();
    ctx.limits.reset(startLimits);
    baseLifetimeMs = opts.tokenLifetimeMs ?? DEFAULT_TOKEN_LIFETIME_MS;
    applyLifetime();
    ctx.settings.stormWaitTimeMs = 1000;
    ctx.storm.remaining = 0;
    ctx.calls.clear();
    faults.clear();
    log.clear();
    latency = opts.latencyMs ?? 0;
  };

  const app = createHttpsApp(tls);
  ctx.calls.install(app, '/_emulator');
  installTraffic(app, {
    listener: 'trustar',
    faults,
    log,
    latencyMs: () => latency,
    identify: (request) => {
      const token = bearerToken(request.headers.authorization);
      const checked = token === undefined ? undefined : ctx.tokens.check(token);
      return checked && 'apiKey' in checked ? { appId: checked.apiKey } : {};
    },
    renderFault: (rule, request) => renderTrustarFault(ctx, rule, request),
  });
  registerTrustarApi(app, ctx);
  const setLatency = (ms: number) => {
    latency = ms;
  };
  registerControlApi(
    app,
    { faults, log, caPem: ca.certPem, setLatency, reset },
    trustarControlRoutes(control),
  );
  const url = await listenHttps(app, host, opts.port ?? 0, tls);

  return {
    ...listenerHandle({ url, caPem: ca.certPem, caPath, app, faults, log, setLatency, reset }),
    enclaveIds: readable,
    ...control,
  };
}
