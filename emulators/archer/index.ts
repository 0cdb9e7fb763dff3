// RSA Archer emulator: one HTTPS listener for the REST and content APIs, seeded with the Security
// Incidents application, with sessions, fault injection and the control API; returns a handle.
import { registerControlApi } from '../shared/control.js';
import { FaultStore, retryAfterValue } from '../shared/faults.js';
import { type ListenerHandle, listenerHandle } from '../shared/listener-handle.js';
import { readSeedJson } from '../shared/seed-file.js';
import { createHttpsApp, listenHttps } from '../shared/https-server.js';
import { RequestLog } from '../shared/request-log.js';
import { type CertificateAuthority, listenerTls } from '../shared/tls.js';
import { installTraffic } from '../shared/traffic.js';
import { registerArcherApi } from './app.js';
import { seedContent } from './content-write.js';
import { archerControlRoutes } from './control.js';
import { defaultSeed } from './default-seed.js';
import { REDIRECT_PAGE, SERVER_ERROR_BODY, UNAUTHORIZED_BODY } from './envelope.js';
import type { ArcherContext } from './router.js';
import { type ArcherSeed, archerSeedSchema } from './seed-schema.js';
import { DEFAULT_IDLE_TIMEOUT_MS, SessionStore, tokenFromHeader } from './sessions.js';
import { ArcherState } from './state.js';

export type { ArcherSeed } from './seed-schema.js';
export { DEFAULT_USER, DEVICE_RECORD, SECURITY_INCIDENTS_LEVEL } from './default-seed.js';

export interface ArcherEmulatorOptions {
  ca?: CertificateAuthority;
  host?: string | undefined;
  port?: number;
  /** Virtual directory in front of the API, e.g. '/rsaarcher'; default none. */
  virtualDirectory?: string;
  /** Load the Security Incidents seed (default true). */
  defaultSeed?: boolean;
  /** Extra seed data, applied after the default seed. */
  seed?: ArcherSeed;
  /** A JSON file holding a seed, applied after `seed`. */
  seedFile?: string;
  sessionIdleTimeoutMs?: number;
  /** Report invalid values as validation messages instead of silently dropping them. */
  strict?: boolean;
  latencyMs?: number;
  /** Clock for session expiry; tests pass a controllable one. */
  now?: () => number;
}

/**
 * `url` is the "server URL" a client is configured with (with virtualDirectory); `reset` goes back to
 * the start seed and settings, with no sessions.
 */
export interface ArcherEmulator extends ListenerHandle {
  seed(data: ArcherSeed): void;
  setSessionIdleTimeoutMs(ms: number): void;
  /** Ends every session, as an Archer restart or an admin would; returns how many ended. */
  expireSessions(): number;
  sessionCount(): number;
  setStrict(strict: boolean): void;
}

export async function startArcherEmulator(opts: ArcherEmulatorOptions = {}): Promise<ArcherEmulator> {
  const host = opts.host ?? 'localhost';
  const { ca, caPath, tls } = listenerTls(opts.ca, 'graphsoc Archer emulator CA', host, 'archer-ca.pem');
  const vdir = (opts.virtualDirectory ?? '').replace(/\/+$/, '');
  const ctx: ArcherContext = {
    state: new ArcherState(),
    sessions: new SessionStore(opts.sessionIdleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, opts.now ?? Date.now),
    settings: { strict: opts.strict ?? false },
  };
  const faults = new FaultStore();
  const log = new RequestLog();
  let latency = opts.latencyMs ?? 0;

  const seed = (data: ArcherSeed) => {
    const parsed = archerSeedSchema.parse(data);
    ctx.state.addMetadata(parsed);
    seedContent(ctx.state, parsed.content);
  };
  const reset = () => {
    ctx.state.clear();
    ctx.sessions.expireAll();
    ctx.sessions.idleTimeoutMs = opts.sessionIdleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    ctx.settings.strict = opts.strict ?? false;
    faults.clear();
    log.clear();
    latency = opts.latencyMs ?? 0;
    if (opts.defaultSeed !== false) seed(defaultSeed());
    if (opts.seed) seed(opts.seed);
    if (opts.seedFile) seed(readSeedJson(opts.seedFile) as ArcherSeed);
  };
  reset();

  const app = createHttpsApp(tls);
  installTraffic(app, {
    listener: 'archer',
    faults,
    log,
    latencyMs: () => latency,
    identify: (request) => {
      const token = tokenFromHeader(request.headers.authorization);
      const session = token === undefined ? undefined : ctx.sessions.peek(token);
      return session ? { appId: session.user.username } : {};
    },
    renderFault: (rule, request) => {
      const retryAfter = retryAfterValue(rule);
      const headers: Record<string, string> = retryAfter ? { 'retry-after': retryAfter } : {};
      if (rule.expiredToken) {
        // The session really ends, so the client's next call with it is refused too.
        const token = tokenFromHeader(request.headers.authorization);
        if (token !== undefined) ctx.sessions.close(token);
        return { status: 401, headers, body: UNAUTHORIZED_BODY };
      }
      if (rule.malformedBody && rule.code === 'html')
        return {
          status: rule.status ?? 200,
          headers: { ...headers, 'content-type': 'text/html' },
          body: REDIRECT_PAGE,
        };
      if (rule.malformedBody)
        return { status: rule.status ?? 200, headers, body: '{"Links":[],"RequestedObject":{' };
      const status = rule.status ?? 500;
      const body = status === 401 ? UNAUTHORIZED_BODY : SERVER_ERROR_BODY;
      return { status, headers, body: rule.message ? { Message: rule.message } : body };
    },
  });
  let url = '';
  registerArcherApi(app, ctx, vdir, () => url);
  const control = {
    seed,
    setSessionIdleTimeoutMs: (ms: number) => {
      ctx.sessions.idleTimeoutMs = ms;
    },
    expireSessions: () => ctx.sessions.expireAll(),
    setStrict: (strict: boolean) => {
      ctx.settings.strict = strict;
    },
  };
  const setLatency = (ms: number) => {
    latency = ms;
  };
  registerControlApi(
    app,
    { faults, log, caPem: ca.certPem, setLatency, reset },
    archerControlRoutes(control),
  );
  url = `${await listenHttps(app, host, opts.port ?? 0, tls)}${vdir}`;

  return {
    ...listenerHandle({ url, caPem: ca.certPem, caPath, app, faults, log, setLatency, reset }),
    ...control,
    sessionCount: () => ctx.sessions.size,
  };
}
