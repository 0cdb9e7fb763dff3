// Emulator of the Threat Response / XDR JWKS host (`https://visibility.<region>.amp.cisco.com/
// .well-known/jwks`): publishes rotating RS256 keys and signs configuration tokens with them.
import { FaultStore, type FaultRule } from '../shared/faults.js';
import { createHttpsApp, listenHttps } from '../shared/https-server.js';
import { registerControlApi } from '../shared/control.js';
import { type RequestLog as Log, RequestLog, type RequestLogEntry } from '../shared/request-log.js';
import { type CertificateAuthority, issueServerCertificate } from '../shared/tls.js';
import { installTraffic } from '../shared/traffic.js';
import { newSigningKey, type SigningKey, signConfigurationToken, type TokenRequest } from './keys.js';

export interface JwksHostOptions {
  ca: CertificateAuthority;
  host?: string | undefined;
  port?: number;
}

export interface JwksHostEmulator {
  url: string;
  /** host:port, the value a configuration token's `jwks_host` claim carries. */
  jwksHost: string;
  /** Signs a configuration token with the current key (or a named one). */
  sign(req: TokenRequest): Promise<string>;
  /** Adds a new current key and keeps the old ones published (Cisco rotates this way). */
  rotate(): Promise<string>;
  /** Stops publishing a key; tokens signed with it then fail with an unknown kid. */
  retire(kid: string): void;
  currentKid(): string;
  addFault(rule: FaultRule): string;
  clearFaults(): void;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  close(): Promise<void>;
}

export async function startJwksHostEmulator(opts: JwksHostOptions): Promise<JwksHostEmulator> {
  const tls = issueServerCertificate(opts.ca);
  const app = createHttpsApp(tls);
  const faults = new FaultStore();
  const log: Log = new RequestLog();
  const keys: SigningKey[] = [await newSigningKey()];
  let latency = 0;
  installTraffic(app, {
    listener: 'jwks',
    faults,
    log,
    latencyMs: () => latency,
    identify: () => ({}),
    renderFault: (rule) => ({
      status: rule.status ?? 500,
      headers: (rule.retryAfterSec !== undefined
        ? { 'retry-after': String(rule.retryAfterSec) }
        : {}) as Record<string, string>,
      body: rule.malformedBody
        ? '{"keys": ['
        : { error: rule.code ?? 'server_error', message: rule.message ?? 'fault injected' },
    }),
  });
  app.get('/.well-known/jwks', async () => ({ keys: keys.map((k) => k.jwk) }));
  registerControlApi(app, {
    faults,
    log,
    caPem: opts.ca.certPem,
    setLatency: (ms) => {
      latency = ms;
    },
    reset: () => {
      faults.clear();
      log.clear();
    },
  });
  const url = await listenHttps(app, opts.host ?? 'localhost', opts.port ?? 0, tls);
  const jwksHost = new URL(url).host;
  const current = () => keys[keys.length - 1] as SigningKey;
  return {
    url,
    jwksHost,
    sign: (req) =>
      signConfigurationToken(
        req.kid ? (keys.find((k) => k.kid === req.kid) ?? current()) : current(),
        jwksHost,
        req,
      ),
    async rotate() {
      keys.push(await newSigningKey());
      return current().kid;
    },
    retire(kid) {
      const i = keys.findIndex((k) => k.kid === kid);
      if (i >= 0 && keys.length > 1) keys.splice(i, 1);
    },
    currentKid: () => current().kid,
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    requests: () => log.list(),
    clearRequests: () => log.clear(),
    close: () => app.close(),
  };
}
