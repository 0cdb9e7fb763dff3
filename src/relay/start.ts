// Builds the relay's enabled modules and mounts them on a Fastify app: the long-running server's and
// the Lambda handler's alike.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { RelayConfig } from './config.js';
import type { Logger } from '../platform/log.js';
import { CISCO_JWKS_HOSTS, JwksCache } from './auth/jwks.js';
import { VerifiedTokens } from './auth/verified-tokens.js';
import { setCtimChecks } from './ctim/index.js';
import { errors, RelaySetupError } from './errors.js';
import { MODULES, type ModuleInstance } from './modules/index.js';
import { registerRelay } from './routes.js';
import type { RelayStatsSink } from './stats/index.js';

export interface RunningRelay {
  modules: string[];
  register(app: FastifyInstance): Promise<void>;
  close(): Promise<void>;
}

export interface RelayOptions {
  config: RelayConfig;
  /** The relay's public URL (token audience); read per request, so it may be known only after listen. */
  publicUrl: () => string;
  logger: Logger;
  version: string;
  /** The server's statistics recorder; the Lambda handler runs without one. */
  stats?: RelayStatsSink;
}

export function startRelay(o: RelayOptions): RunningRelay {
  const c = o.config;
  const unknown = c.modules.filter((m) => !MODULES[m]);
  if (unknown.length > 0) {
    throw new RelaySetupError(
      errors.MODULE_UNKNOWN,
      `relay.modules names unknown module(s) ${unknown.join(', ')}; known: ${Object.keys(MODULES).join(', ')}`,
    );
  }
  if (c.mount === 'root' && c.modules.length !== 1) {
    throw new RelaySetupError(
      errors.MOUNT_INVALID,
      `relay.mount = "root" serves exactly one module; relay.modules has ${c.modules.length}`,
    );
  }
  // Process-wide: the builders are plain functions shared by every module.
  setCtimChecks(c.checkAnswers);
  const instances: ModuleInstance[] = c.modules.map((m) =>
    (MODULES[m] as (c: RelayConfig) => ModuleInstance)(c),
  );
  const jwks = new JwksCache({
    allowedHosts: [...CISCO_JWKS_HOSTS, ...c.jwksHosts],
    ttlMs: c.jwksCacheSec * 1000,
    refetchCooldownMs: 30_000,
    caPem: c.caFile ? readFileSync(c.caFile, 'utf8') : undefined,
  });
  const verified = new VerifiedTokens(c.jwksCacheSec * 1000);
  return {
    modules: [...c.modules],
    register: (app) =>
      registerRelay(app, {
        modules: instances.map((i) => i.module),
        mount: c.mount,
        publicUrl: o.publicUrl,
        jwks,
        verified,
        clockToleranceSec: c.clockToleranceSec,
        hs256Secret: c.hs256Secret,
        hs256RequireExp: c.hs256RequireExp,
        requestTimeoutMs: c.requestTimeoutSec * 1000,
        logger: o.logger,
        version: o.version,
        ...(o.stats ? { stats: o.stats } : {}),
      }),
    async close() {
      await Promise.all([...instances.map((i) => i.close()), jwks.close()]);
    },
  };
}
