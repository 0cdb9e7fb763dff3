// Graph clients per (tenant, app, secret) from configuration-token claims. Tokens are cached here,
// server-side, for every request of that app (the seed kept them in a cookie sent to the caller).
import { createHash } from 'node:crypto';
import { createGraphClient, type GraphClient } from '../../../connectors/microsoft/graph/index.js';
import { createTokenProvider } from '../../../connectors/microsoft/identity/index.js';
import { type RelayConfig, tenantSchema } from '../../../platform/config/index.js';
import { AUTH_MESSAGES, authError } from '../../protocol/relay-error.js';
import { AlertCache } from './alert-cache.js';
import type { GraphSecurityClaims } from './schemas.js';

export class GraphClients {
  readonly #settings: RelayConfig['graphSecurity'];
  readonly #max: number;
  readonly #clients = new Map<string, GraphClient>();
  readonly #alertCaches = new Map<string, AlertCache>();

  constructor(settings: RelayConfig['graphSecurity'], max = 64) {
    this.#settings = settings;
    this.#max = max;
  }

  /**
   * Alert details cached for one credential set: another app in the same tenant may not be allowed
   * to read them, so nothing is shared across keys.
   */
  alertCacheFor(claims: GraphSecurityClaims): AlertCache {
    const key = credentialKey(claims);
    let cache = this.#alertCaches.get(key);
    if (!cache) {
      cache = new AlertCache(this.#settings.alertCacheSec * 1000);
      this.#alertCaches.set(key, cache);
      if (this.#alertCaches.size > this.#max)
        this.#alertCaches.delete(this.#alertCaches.keys().next().value as string);
    }
    return cache;
  }

  for(claims: GraphSecurityClaims): GraphClient {
    const key = credentialKey(claims);
    let client = this.#clients.get(key);
    if (client) {
      // Map order doubles as recency for the eviction below.
      this.#clients.delete(key);
      this.#clients.set(key, client);
      return client;
    }
    const s = this.#settings;
    const tenant = tenantSchema.safeParse({
      name: 'relay',
      tenantId: claims.tenant_id,
      clientId: claims.application_id,
      clientSecret: claims.client_secret,
      authorityHost: s.authorityHost,
      graphBaseUrl: s.graphBaseUrl,
      ...(s.graphScope ? { graphScope: s.graphScope } : {}),
      ...(s.caFile ? { caFile: s.caFile } : {}),
    });
    if (!tenant.success) throw authError(AUTH_MESSAGES.WRONG_PAYLOAD_STRUCTURE);
    client = createGraphClient(tenant.data, createTokenProvider(tenant.data), {
      batchConcurrency: s.batchConcurrency,
    });
    this.#clients.set(key, client);
    if (this.#clients.size > this.#max) {
      const [oldestKey, oldest] = this.#clients.entries().next().value as [string, GraphClient];
      this.#clients.delete(oldestKey);
      void oldest.close();
    }
    return client;
  }

  async close(): Promise<void> {
    const all = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.all(all.map((c) => c.close()));
  }
}

/** One key per (tenant, app, secret); the secret only as a hash, so it is not kept twice in memory. */
function credentialKey(claims: GraphSecurityClaims): string {
  const secretHash = createHash('sha256').update(claims.client_secret).digest('hex');
  return `${claims.tenant_id}|${claims.application_id}|${secretHash}`;
}
