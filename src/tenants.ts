// Builds the per-tenant Microsoft clients (token provider and Graph client) from configuration and
// registers each tenant's dependency check. Features receive these clients; they never build their own.
import type { GraphClient } from './connectors/microsoft/graph/index.js';
import { createGraphClient } from './connectors/microsoft/graph/index.js';
import { createTokenProvider, type TokenProvider } from './connectors/microsoft/identity/index.js';
import type { TenantConfig } from './platform/config/index.js';
import type { HealthRegistry } from './platform/health/registry.js';

export interface TenantClients {
  config: TenantConfig;
  tokens: TokenProvider;
  graph: GraphClient;
}

export function buildTenantClients(tenants: readonly TenantConfig[]): Map<string, TenantClients> {
  const out = new Map<string, TenantClients>();
  for (const t of tenants) {
    const tokens = createTokenProvider(t);
    out.set(t.name, { config: t, tokens, graph: createGraphClient(t, tokens) });
  }
  return out;
}

/** One check per tenant: a Graph token and `GET /organization` prove credentials, consent and reachability. */
export function registerTenantChecks(health: HealthRegistry, clients: Map<string, TenantClients>): void {
  for (const [name, c] of clients) {
    health.add({
      name: `tenant:${name}:graph`,
      check: async () => {
        await c.graph.ping();
      },
    });
  }
}
