// A relay server with a test module, on a real port, verifying tokens against the JWKS host emulator.
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { startJwksHostEmulator, type JwksHostEmulator } from '../../emulators/securex-jwks/index.js';
import { createCertificateAuthority } from '../../emulators/shared/tls.js';
import { createLogger } from '../../src/platform/log.js';
import { JwksCache } from '../../src/relay/auth/jwks.js';
import { defineModule, type RelayModule } from '../../src/relay/module.js';
import { registerRelay, type RelayOptions } from '../../src/relay/routes.js';
import { listenLoopback } from '../helpers/listen.js';
import { LogCapture } from '../helpers/log-capture.js';

export const CLAIMS = { application_id: 'app-1', tenant_id: 'tenant-1', client_secret: 's3cret-value' };

/** Echoes what the framework hands it, so tests see dedup, filtering and claims. */
export const echoModule: RelayModule = defineModule({
  name: 'echo',
  title: 'Echo',
  claims: z.looseObject({ application_id: z.string(), tenant_id: z.string(), client_secret: z.string() }),
  observableTypes: ['ip', 'domain', 'sha256'],
  async health(ctx) {
    if (ctx.claims.tenant_id === 'broken') throw new Error('boom');
  },
  async observe(ctx, observables) {
    if (observables.some((o) => o.value === 'crash')) throw new Error('unexpected');
    return { sightings: { count: observables.length, docs: observables }, tenant: ctx.claims.tenant_id };
  },
  async refer(_ctx, observables) {
    return observables.map((o) => ({ id: `ref-${o.value}` }));
  },
});

export interface RelayAnswer {
  data?: unknown;
  errors?: Array<{ code: string; message: string; type: string }>;
  [key: string]: unknown;
}

export interface RelayHarness {
  url: string;
  app: FastifyInstance;
  jwks: JwksHostEmulator;
  log: LogCapture;
  token(
    claims?: Record<string, unknown>,
    opts?: { audience?: string; expiresInSec?: number | null; kid?: string },
  ): Promise<string>;
  post(
    path: string,
    body: unknown,
    token?: string | null,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: RelayAnswer }>;
  close(): Promise<void>;
}

export async function startRelay(
  over: Partial<RelayOptions> = {},
  extraHosts: string[] = [],
): Promise<RelayHarness> {
  const ca = createCertificateAuthority('relay test CA');
  const jwks = await startJwksHostEmulator({ ca });
  const log = new LogCapture();
  // The audience is read per request, so the URL can be known only after listen.
  let url = '';
  const relayApp = Fastify();
  const cache = new JwksCache({
    allowedHosts: [jwks.jwksHost, ...extraHosts],
    ttlMs: 60_000,
    refetchCooldownMs: 0,
    caPem: ca.certPem,
  });
  await registerRelay(relayApp, {
    modules: [echoModule],
    mount: 'prefixed',
    publicUrl: () => url,
    jwks: cache,
    clockToleranceSec: 5,
    requestTimeoutMs: 5000,
    logger: createLogger({ level: 'debug', destination: log }),
    version: '9.9.9',
    ...over,
  });
  url = await listenLoopback(relayApp);
  const makeToken: RelayHarness['token'] = (claims = CLAIMS, o = {}) =>
    jwks.sign({
      audience: o.audience ?? url,
      claims,
      ...(o.expiresInSec !== undefined ? { expiresInSec: o.expiresInSec } : {}),
      ...(o.kid ? { kid: o.kid } : {}),
    });
  return {
    url,
    app: relayApp,
    jwks,
    log,
    token: makeToken,
    async post(path, body, token, headers = {}) {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token === null ? {} : { authorization: `Bearer ${token ?? (await makeToken())}` }),
          ...headers,
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as RelayAnswer };
    },
    async close() {
      await relayApp.close();
      await cache.close();
      await jwks.close();
    },
  };
}
