// What the module keeps per (tenant, app, secret) from configuration-token claims: Graph and
// Defender clients, whose tokens are cached here, server-side, for every request of that app (the
// seed kept them in a cookie sent to the caller), and the alert details cache.
import { createHash } from 'node:crypto';
import { createDefenderClient, type DefenderClient } from '../../../connectors/microsoft/defender/index.js';
import { createGraphClient, type GraphClient } from '../../../connectors/microsoft/graph/index.js';
import { createTokenProvider } from '../../../connectors/microsoft/identity/index.js';
import { type TenantConfig, tenantSchema } from '../../../platform/config/index.js';
import type { RelayConfig } from '../../config.js';
import { countThrottle } from '../../stats/index.js';
import { AUTH_MESSAGES, authError } from '../../protocol/relay-error.js';
import { AlertCache } from './alert-cache.js';
import type { GraphSecurityClaims } from './schemas.js';

/** An evicted client may still serve a request that began before; it closes after this grace. */
const CLOSE_GRACE_MS = 150_000;

/** One value per credential set, least recently used evicted past `max`. */
export class PerCredential<T> {
  readonly #create: (claims: GraphSecurityClaims) => T;
  readonly #dispose: ((value: T) => Promise<void>) | undefined;
  readonly #max: number;
  readonly #values = new Map<string, T>();
  readonly #evicted = new Map<ReturnType<typeof setTimeout>, T>();

  constructor(
    create: (claims: GraphSecurityClaims) => T,
    opts: { max?: number; dispose?: (value: T) => Promise<void> } = {},
  ) {
    this.#create = create;
    this.#dispose = opts.dispose;
    this.#max = opts.max ?? 64;
  }

  for(claims: GraphSecurityClaims): T {
    const key = credentialKey(claims);
    const found = this.#values.get(key);
    if (found !== undefined) {
      // Map order doubles as recency for the eviction below.
      this.#values.delete(key);
      this.#values.set(key, found);
      return found;
    }
    const value = this.#create(claims);
    this.#values.set(key, value);
    if (this.#values.size > this.#max) {
      const [oldestKey, oldest] = this.#values.entries().next().value as [string, T];
      this.#values.delete(oldestKey);
      const dispose = this.#dispose;
      if (dispose) {
        const timer = setTimeout(() => {
          this.#evicted.delete(timer);
          void dispose(oldest);
        }, CLOSE_GRACE_MS);
        timer.unref();
        this.#evicted.set(timer, oldest);
      }
    }
    return value;
  }

  async close(): Promise<void> {
    for (const t of this.#evicted.keys()) clearTimeout(t);
    const all = [...this.#evicted.values(), ...this.#values.values()];
    this.#evicted.clear();
    this.#values.clear();
    if (this.#dispose) await Promise.all(all.map((v) => this.#dispose?.(v)));
  }
}

/** One key per (tenant, app, secret); the secret only as a hash, so it is not kept twice in memory. */
function credentialKey(claims: GraphSecurityClaims): string {
  const secretHash = createHash('sha256').update(claims.client_secret).digest('hex');
  return `${claims.tenant_id}|${claims.application_id}|${secretHash}`;
}

/** The token's credentials as a tenant; claims that do not make one are the seeds' payload error. */
function tenantOf(
  claims: GraphSecurityClaims,
  s: RelayConfig['graphSecurity'],
  endpoints: Record<string, string | undefined>,
): TenantConfig {
  const tenant = tenantSchema.safeParse({
    name: 'relay',
    tenantId: claims.tenant_id,
    clientId: claims.application_id,
    clientSecret: claims.client_secret,
    authorityHost: s.authorityHost,
    ...Object.fromEntries(Object.entries(endpoints).filter(([, v]) => v !== undefined)),
    ...(s.caFile ? { caFile: s.caFile } : {}),
  });
  if (!tenant.success) throw authError(AUTH_MESSAGES.WRONG_PAYLOAD_STRUCTURE);
  return tenant.data;
}

export function graphClients(s: RelayConfig['graphSecurity']): PerCredential<GraphClient> {
  return new PerCredential(
    (claims) => {
      const tenant = tenantOf(claims, s, { graphBaseUrl: s.graphBaseUrl, graphScope: s.graphScope });
      return createGraphClient(tenant, createTokenProvider(tenant), {
        batchConcurrency: s.batchConcurrency,
        // Each 429 counts on the relay request it happened in (relay statistics).
        onThrottled: countThrottle,
      });
    },
    { dispose: (c) => c.close() },
  );
}

/** Kept apart from the Graph clients: their tokens are for another audience, and most relay requests never need one. */
export function defenderClients(s: RelayConfig['graphSecurity']): PerCredential<DefenderClient> {
  return new PerCredential(
    (claims) => {
      const tenant = tenantOf(claims, s, {
        defenderBaseUrl: s.defenderBaseUrl,
        defenderScope: s.defenderScope,
      });
      return createDefenderClient(tenant, createTokenProvider(tenant), { onThrottled: countThrottle });
    },
    { dispose: (c) => c.close() },
  );
}

/**
 * Alert details per credential set: another app in the same tenant may not be allowed to read
 * them, so nothing is shared across keys.
 */
export function alertCaches(s: RelayConfig['graphSecurity']): PerCredential<AlertCache> {
  return new PerCredential(() => new AlertCache(s.alertCacheSec * 1000));
}
