// Entra ID + Microsoft Graph + Defender for Endpoint + Sentinel emulator: starts the login, Graph,
// Defender and Sentinel HTTPS listeners over one shared tenant model and returns a handle. Written from Microsoft's
// documentation; imports nothing from src/ so it is an independent check of our clients.
import type { FastifyInstance } from 'fastify';
import { registerControlApi } from '../shared/control.js';
import { FaultStore } from '../shared/faults.js';
import { listenHttps } from '../shared/https-server.js';
import { RequestLog } from '../shared/request-log.js';
import { listenerTls, removeCaFile } from '../shared/tls.js';
import { createDefenderApp } from '../defender/app.js';
import { DefenderState, settle } from '../defender/store.js';
import { accountsHandle } from '../directory/accounts-handle.js';
import { accountsOf } from '../directory/accounts-state.js';
import { seedGroups } from '../directory/seed.js';
import { DirectoryState } from '../directory/state.js';
import { clearDeltaSessions } from '../directory/users-delta.js';
import { createGraphApp } from '../graph/app.js';
import { DEFAULT_THROTTLE, Throttle } from '../graph/throttle.js';
import { clearMailDeltaRounds } from '../graph-mail/delta.js';
import { mailHandle } from '../graph-mail/handle.js';
import { mailOf } from '../graph-mail/state.js';
import { applySecuritySeed, securitySeedSchema } from '../graph-security/seed.js';
import { tiHandle } from '../graph-ti/handle.js';
import { tiOf } from '../graph-ti/store.js';
import { createLoginApp } from '../identity/app.js';
import { registerSignInApp, signInOf } from '../identity/sign-in-state.js';
import { issueTestToken } from '../identity/test-token.js';
import { TokenSigner } from '../identity/tokens.js';
import type { EmulatorContext } from './context.js';
import { microsoftControlRoutes } from './control.js';
import { createGraphRouter } from './graph-routes.js';
import type { EntraGraphEmulator, EntraGraphEmulatorOptions } from './handle.js';
import { loadSeedDir } from './seed.js';
import { createSentinelApp } from '../sentinel/app.js';
import { sentinelControlRoutes } from '../sentinel/control.js';
import { sentinelHandle } from '../sentinel/handle.js';
import { SentinelState } from '../sentinel/store.js';

export type { DefenderStats, EntraGraphEmulator, EntraGraphEmulatorOptions } from './handle.js';
export type { AppRegistration } from '../directory/state.js';
export type { GroupSeed } from '../directory/seed.js';
export type {
  DirectoryAccountsApi,
  DirectoryGroup,
  DomainSeed,
  SkuSeed,
} from '../directory/accounts-handle.js';
export type { TapPolicy, TapRecord } from '../directory/accounts-state.js';
export type { WriteCounts, WriteLimitSettings } from '../directory/write-limit.js';
export type { FaultRule } from '../shared/faults.js';
export type { RequestLogEntry } from '../shared/request-log.js';
export type { ThrottleSettings } from '../graph/throttle.js';
export type { CertificateAuthority } from '../shared/tls.js';
export type { SecurityData } from '../graph-security/store.js';
export type { DefenderData } from '../defender/store.js';
export type { DefenderRateSettings } from '../defender/rate.js';
export type { IssueTokenOptions } from '../identity/test-token.js';
export type { AppRole, AppRoleAssignmentInput, SignInAppSettings } from '../identity/sign-in-apps.js';
export type { MailEmulatorApi } from '../graph-mail/handle.js';
export type { MailSeed, MailMessageSeed } from '../graph-mail/seed.js';
export type { SentMail, NotificationRecord, MailSettings } from '../graph-mail/state.js';
export type { MailThrottleSettings } from '../graph-mail/throttle.js';
export type { TiIndicatorEmulatorApi } from '../graph-ti/handle.js';
export type { SentinelEmulatorApi } from '../sentinel/handle.js';
export type { SentinelRateSettings } from '../sentinel/rate.js';
export type { SentinelCounts, SentinelObjectRecord, SentinelWorkspaceInput } from '../sentinel/types.js';
export { securityExport } from '../graph-security/seed.js';
export { syntheticSecurityData } from '../graph-security/synthetic.js';

export async function startEntraGraphEmulator(
  opts: EntraGraphEmulatorOptions = {},
): Promise<EntraGraphEmulator> {
  const host = opts.host ?? 'localhost';
  const { ca, caPath, tls } = listenerTls(opts.ca, 'graphsoc Entra/Graph emulator CA', host);
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
  const defender = new DefenderState(opts.defenderActionCompletionMs, opts.defenderNow);
  const sentinel = new SentinelState();
  const signIn = signInOf(ctx.state);
  if (opts.signInNow) signIn.now = opts.signInNow;
  if (opts.sentinelRate) sentinel.rate.configure(opts.sentinelRate, true);
  const accounts = accountsOf(ctx.state, {
    ...(opts.directoryNow ? { now: opts.directoryNow } : {}),
    ...(opts.replicationDelayMs !== undefined ? { replicationDelayMs: opts.replicationDelayMs } : {}),
    ...(opts.directoryWriteLimit ? { writeLimit: opts.directoryWriteLimit } : {}),
  });

  const reset = () => {
    ctx.state.clear();
    defender.clear();
    sentinel.clear();
    ctx.faults.clear();
    ctx.log.clear();
    ctx.throttle.reset();
    clearDeltaSessions(ctx);
    mailOf(ctx).clear();
    clearMailDeltaRounds(ctx);
    tiOf(ctx).clear();
    accounts.clear();
    signIn.clear();
    ctx.settings.latencyMs = initialLatency;
    if (opts.seedDir) loadSeedDir(ctx.state, opts.seedDir);
  };
  const setLatency = (ms: number) => {
    ctx.settings.latencyMs = ms;
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
  const sentinelApp = createSentinelApp(ctx, sentinel, tls);
  const control = { faults: ctx.faults, log: ctx.log, caPem: ca.certPem, setLatency, reset };
  const microsoftRoutes = microsoftControlRoutes(ctx, defender);
  const sentinelRoutes = sentinelControlRoutes(sentinel);
  for (const app of [login, graph, defenderApp, sentinelApp])
    registerControlApi(app, control, (routes) => {
      microsoftRoutes(routes);
      sentinelRoutes(routes);
    });

  const [loginUrl = '', graphUrl = '', defenderUrl = '', sentinelUrl = ''] = await listenAll(
    [
      [login, opts.loginPort],
      [graph, opts.graphPort],
      [defenderApp, opts.defenderPort],
      [sentinelApp, opts.sentinelPort],
    ],
    host,
    tls,
    () => removeCaFile(caPath),
  );
  ctx.urls.login = loginUrl;
  ctx.urls.graph = graphUrl;

  return {
    loginUrl,
    graphUrl,
    defenderUrl,
    sentinelUrl,
    caPem: ca.certPem,
    caPath,
    registerApp: (app) => void registerSignInApp(ctx.state, app),
    assignAppRole: (a) => signIn.assign(a),
    setSignIn: (s) => {
      signIn.autoApproveLoginHint = s.autoApproveLoginHint;
    },
    endSignInSessions: (tenantId) => signIn.endSessions(tenantId),
    addTenant: (t) => void ctx.state.addTenant(t),
    seedUsers: (users) => void ctx.state.seedUsers(users),
    generateUsers: (tenantId, count) => ctx.state.generateUsers(tenantId, count),
    seedGroups: (groups) => void seedGroups(ctx.state, groups),
    setLatency,
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
      t.indicators.purgeExpired(defender.now());
      const copy = <T>(v: T): T => structuredClone(v);
      return {
        machines: copy([...t.machines.values()]),
        machineActions: copy(t.actions.map((a) => settle(a, defender.actionCompletionMs))),
        indicators: copy([...t.indicators.values()]),
      };
    },
    setDefenderRateLimit: (settings) => defender.rate.configure(settings),
    setDefenderIndicatorCap: (cap) => {
      defender.indicatorCap = cap;
    },
    defenderStats: (tenantId) => {
      const t = defender.of(tenantId);
      t.indicators.purgeExpired(defender.now());
      return {
        indicators: t.indicators.size,
        writes: t.indicators.writes(),
        throttled: t.throttled,
        calls: Object.fromEntries(t.calls),
      };
    },
    setDefenderActionCompletionMs: (ms) => {
      defender.actionCompletionMs = ms;
    },
    setHuntingThrottle: (settings) => ctx.state.security.huntingThrottle.configure(settings),
    issueAccessToken: (o) => issueTestToken(ctx, o),
    ...mailHandle(ctx),
    ...tiHandle(ctx),
    ...sentinelHandle(sentinel),
    ...accountsHandle(ctx),
    reset,
    close: async () => {
      await Promise.all([login.close(), graph.close(), defenderApp.close(), sentinelApp.close()]);
      removeCaFile(caPath);
    },
  };
}

/** Binds each listener in turn; when one fails, closes those already bound and cleans up. */
async function listenAll(
  apps: Array<[FastifyInstance, number | undefined]>,
  host: string,
  tls: Parameters<typeof listenHttps>[3],
  cleanUp: () => void,
): Promise<string[]> {
  const urls: string[] = [];
  for (const [i, [app, port]] of apps.entries()) {
    try {
      urls.push(await listenHttps(app, host, port ?? 0, tls));
    } catch (error) {
      await Promise.all(apps.slice(0, i).map(([bound]) => bound.close()));
      cleanUp();
      throw error;
    }
  }
  return urls;
}
