// Entra ID + Microsoft Graph emulator: starts the login and Graph HTTPS listeners and returns a handle.
// Written from Microsoft's documentation; imports nothing from src/ so it is an independent check of our clients.
import { isIP } from 'node:net';
import { type ExtraControlRoutes, registerControlApi } from '../shared/control.js';
import { type FaultRule, FaultStore } from '../shared/faults.js';
import { listenHttps } from '../shared/https-server.js';
import { RequestLog, type RequestLogEntry } from '../shared/request-log.js';
import {
  type CertificateAuthority,
  createCertificateAuthority,
  issueServerCertificate,
  removeCaFile,
  writeCaFile,
} from '../shared/tls.js';
import type { EmulatorContext } from './context.js';
import { entraGraphControlRoutes } from './control.js';
import { clearDeltaSessions } from '../directory/users-delta.js';
import { createDefenderApp } from '../defender/app.js';
import type { DefenderRateSettings } from '../defender/rate.js';
import { type DefenderData, DefenderState, settle } from '../defender/store.js';
import { createGraphApp, createGraphRouter } from '../graph/app.js';
import { createLoginApp } from '../identity/app.js';
import { loadSeedDir } from './seed.js';
import { mailControlRoutes } from '../graph-mail/control.js';
import { clearMailDeltaRounds } from '../graph-mail/delta.js';
import { type MailEmulatorApi, mailHandle } from '../graph-mail/handle.js';
import { mailOf } from '../graph-mail/state.js';
import { securityControlRoutes } from '../graph-security/control.js';
import { applySecuritySeed, securitySeedSchema } from '../graph-security/seed.js';
import type { SecurityData } from '../graph-security/store.js';
import { type AppRegistration, DirectoryState } from '../directory/state.js';
import { DEFAULT_THROTTLE, Throttle, type ThrottleSettings } from '../graph/throttle.js';
import { RESOURCES, TokenSigner } from '../identity/tokens.js';

export type { AppRegistration } from '../directory/state.js';
export type { FaultRule } from '../shared/faults.js';
export type { RequestLogEntry } from '../shared/request-log.js';
export type { ThrottleSettings } from '../graph/throttle.js';
export type { CertificateAuthority } from '../shared/tls.js';
export type { SecurityData } from '../graph-security/store.js';
export type { DefenderData } from '../defender/store.js';
export type { DefenderRateSettings } from '../defender/rate.js';
export type { MailEmulatorApi } from '../graph-mail/handle.js';
export type { MailSeed, MailMessageSeed } from '../graph-mail/seed.js';
export type { SentMail, NotificationRecord, MailSettings } from '../graph-mail/state.js';
export type { MailThrottleSettings } from '../graph-mail/throttle.js';
export { securityExport } from '../graph-security/seed.js';
export { syntheticSecurityData } from '../graph-security/synthetic.js';

export interface EntraGraphEmulatorOptions {
  host?: string;
  loginPort?: number;
  graphPort?: number;
  /** Port of the Defender for Endpoint API listener (api.security.microsoft.com). */
  defenderPort?: number;
  latencyMs?: number;
  tokenLifetimeSec?: number;
  seedDir?: string;
  /** Token bucket per (app, tenant); defaults are loose (10,000 burst, 2,000/s). */
  throttle?: ThrottleSettings;
  /** Reuse a CA (so several emulators share one trust anchor); a fresh one is made otherwise. */
  ca?: CertificateAuthority;
}

export interface IssueTokenOptions {
  tenantId: string;
  clientId: string;
  resource?: string;
  /** Defaults to the registered app's roles for the resource. */
  roles?: string[];
  lifetimeSec?: number;
  /** Shifts iat/nbf/exp by this many seconds (negative = in the past, for expired tokens). */
  offsetSec?: number;
}

export interface EntraGraphEmulator extends MailEmulatorApi {
  loginUrl: string;
  graphUrl: string;
  /** Base URL of the Defender for Endpoint API (defenderBaseUrl); paths start with /api/. */
  defenderUrl: string;
  caPem: string;
  caPath: string;
  registerApp(app: AppRegistration): void;
  addTenant(t: { id: string; displayName: string; domains?: string[] }): void;
  seedUsers(users: Array<Record<string, unknown>>): void;
  generateUsers(tenantId: string, count: number): void;
  setLatency(ms: number): void;
  addFault(rule: FaultRule): string;
  clearFaults(): void;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  close(): Promise<void>;
  /** Additions beyond the shared contract. */
  setThrottle(settings: ThrottleSettings): void;
  removeFault(id: string): boolean;
  /** Mints an access token directly (no HTTP), e.g. an already expired one. */
  issueAccessToken(opts: IssueTokenOptions): Promise<string>;
  /** Adds Graph-shaped alerts_v2, incidents (inline `alerts` kept) and legacy alerts to a tenant. */
  seedSecurity(tenantId: string, data: SecurityData): void;
  /** Adds `count` synthetic alerts with incidents and matching legacy alerts (deterministic per seed). */
  generateSecurityAlerts(tenantId: string, count: number, opts?: { seed?: number }): void;
  /** The runHuntingQuery quota per tenant; default 45 calls, refilled at 45 per minute. */
  setHuntingThrottle(settings: ThrottleSettings): void;
  /** Adds machines, machine actions and indicators to a tenant's Defender for Endpoint data. */
  seedDefender(tenantId: string, data: DefenderData): void;
  /** A copy of a tenant's Defender data as the API would list it (actions newest last). */
  defenderData(tenantId: string): Required<DefenderData>;
  /** Per-API call limits of the Defender API; default 100 a minute and 1,500 an hour. */
  setDefenderRateLimit(settings: DefenderRateSettings): void;
  /** How long new machine actions stay Pending before they read as Succeeded (default 2000 ms). */
  setDefenderActionCompletionMs(ms: number): void;
  /** Drops tenants, apps, users, faults, the request log and throttle state, then reloads seedDir. */
  reset(): void;
}

export async function startEntraGraphEmulator(
  opts: EntraGraphEmulatorOptions = {},
): Promise<EntraGraphEmulator> {
  const host = opts.host ?? 'localhost';
  const ca = opts.ca ?? createCertificateAuthority('graphsoc Entra/Graph emulator CA');
  const caPath = writeCaFile(ca);
  const dnsNames = ['localhost', ...(host !== 'localhost' && isIP(host) === 0 ? [host] : [])];
  const ips = [
    '127.0.0.1',
    '::1',
    ...(isIP(host) !== 0 && host !== '127.0.0.1' && host !== '::1' ? [host] : []),
  ];
  const tls = issueServerCertificate(ca, dnsNames, ips);

  const initialLatency = opts.latencyMs ?? 0;
  const ctx: EmulatorContext = {
    state: new DirectoryState(),
    signer: new TokenSigner(),
    faults: new FaultStore(),
    log: new RequestLog(),
    throttle: new Throttle(opts.throttle ?? DEFAULT_THROTTLE),
    settings: { latencyMs: initialLatency, tokenLifetimeSec: opts.tokenLifetimeSec ?? 3599 },
    urls: { login: '', graph: '' },
    hostNames: [...new Set(['localhost', '127.0.0.1', '::1', host])],
  };

  const defender = new DefenderState();
  const reset = () => {
    ctx.state.clear();
    defender.clear();
    ctx.faults.clear();
    ctx.log.clear();
    ctx.throttle.reset();
    clearDeltaSessions(ctx);
    mailOf(ctx).clear();
    clearMailDeltaRounds(ctx);
    ctx.settings.latencyMs = initialLatency;
    if (opts.seedDir) loadSeedDir(ctx.state, opts.seedDir);
  };
  const control = {
    faults: ctx.faults,
    log: ctx.log,
    caPem: ca.certPem,
    setLatency: (ms: number) => {
      ctx.settings.latencyMs = ms;
    },
    reset,
  };

  try {
    if (opts.seedDir) loadSeedDir(ctx.state, opts.seedDir);
  } catch (error) {
    removeCaFile(caPath);
    throw error;
  }
  const login = createLoginApp(ctx, tls);
  const graph = createGraphApp(ctx, tls, createGraphRouter());
  const defenderApp = createDefenderApp(ctx, defender, tls);
  const controlRoutes: ExtraControlRoutes = (app, parse) => {
    entraGraphControlRoutes(ctx)(app, parse);
    securityControlRoutes(ctx)(app, parse);
    mailControlRoutes(ctx)(app, parse);
  };
  registerControlApi(login, control, controlRoutes);
  registerControlApi(graph, control, controlRoutes);
  registerControlApi(defenderApp, control, controlRoutes);
  ctx.urls.login = await listenHttps(login, host, opts.loginPort ?? 0, tls);
  try {
    ctx.urls.graph = await listenHttps(graph, host, opts.graphPort ?? 0, tls);
  } catch (error) {
    await login.close();
    removeCaFile(caPath);
    throw error;
  }
  let defenderUrl: string;
  try {
    defenderUrl = await listenHttps(defenderApp, host, opts.defenderPort ?? 0, tls);
  } catch (error) {
    await Promise.all([login.close(), graph.close()]);
    removeCaFile(caPath);
    throw error;
  }

  return {
    loginUrl: ctx.urls.login,
    graphUrl: ctx.urls.graph,
    defenderUrl,
    caPem: ca.certPem,
    caPath,
    registerApp: (app) => void ctx.state.registerApp(app),
    addTenant: (t) => void ctx.state.addTenant(t),
    seedUsers: (users) => void ctx.state.seedUsers(users),
    generateUsers: (tenantId, count) => ctx.state.generateUsers(tenantId, count),
    setLatency: control.setLatency,
    addFault: (rule) => ctx.faults.add(rule),
    clearFaults: () => ctx.faults.clear(),
    removeFault: (id) => ctx.faults.remove(id),
    requests: () => ctx.log.list(),
    clearRequests: () => ctx.log.clear(),
    setThrottle: (settings) => ctx.throttle.configure(settings),
    seedSecurity: (tenantId, data) =>
      applySecuritySeed(ctx.state, securitySeedSchema.parse({ tenantId, ...data })),
    generateSecurityAlerts: (tenantId, count, o) =>
      applySecuritySeed(ctx.state, { tenantId, synthetic: { count, seed: o?.seed } }),
    seedDefender: (tenantId, data) => defender.of(tenantId).add(data),
    defenderData: (tenantId) => {
      const t = defender.of(tenantId);
      const copy = <T>(v: T): T => structuredClone(v);
      return {
        machines: copy([...t.machines.values()]),
        machineActions: copy(t.actions.map((a) => settle(a, defender.actionCompletionMs))),
        indicators: copy([...t.indicators.values()]),
      };
    },
    setDefenderRateLimit: (settings) => defender.rate.configure(settings),
    setDefenderActionCompletionMs: (ms) => {
      defender.actionCompletionMs = ms;
    },
    setHuntingThrottle: (settings) => ctx.state.security.huntingThrottle.configure(settings),
    issueAccessToken: (o) => {
      const resource = o.resource ?? 'https://graph.microsoft.com';
      const app = ctx.state.findApp(o.tenantId.toLowerCase(), o.clientId);
      return ctx.signer.issue({
        tenantId: o.tenantId.toLowerCase(),
        clientId: o.clientId.toLowerCase(),
        resource,
        roles: o.roles ?? app?.roles?.[RESOURCES[resource] ?? 'graph'] ?? [],
        lifetimeSec: o.lifetimeSec ?? ctx.settings.tokenLifetimeSec,
        offsetSec: o.offsetSec,
      });
    },
    ...mailHandle(ctx),
    reset,
    close: async () => {
      await Promise.all([login.close(), graph.close(), defenderApp.close()]);
      removeCaFile(caPath);
    },
  };
}
