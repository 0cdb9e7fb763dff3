// The Microsoft clients of each configured tenant (`[[tenants]]`): one token provider and one Graph
// client per tenant, built on first use and shared by every feature, so the tenant's token cache and
// connection pool are one. Features receive this directory; they never build their own clients.
import type { TenantConfig } from '../../../platform/config/index.js';
import type { DependencyCheck } from '../../../platform/health/registry.js';
import { createGraphClient, type GraphClient } from '../graph/index.js';
import { createTokenProvider, type TokenProvider } from '../identity/index.js';

interface Clients {
  tokens: TokenProvider;
  graph: GraphClient;
}

export class MicrosoftTenants {
  readonly #configs: ReadonlyMap<string, TenantConfig>;
  readonly #clients = new Map<string, Clients>();

  constructor(tenants: readonly TenantConfig[]) {
    this.#configs = new Map(tenants.map((t) => [t.name, t]));
  }

  get names(): string[] {
    return [...this.#configs.keys()];
  }

  /** The Graph client of the `[[tenants]]` entry with this name. */
  graph(name: string): GraphClient {
    return this.#of(name).graph;
  }

  /** The `[[tenants]]` entry and its token provider, for clients of other Microsoft APIs (Sentinel, Defender). */
  app(name: string): { config: TenantConfig; tokens: TokenProvider } {
    const c = this.#of(name);
    return { config: this.#configs.get(name) as TenantConfig, tokens: c.tokens };
  }

  /** A Graph token and `GET /organization` prove credentials, consent and reachability. */
  check(name: string): DependencyCheck {
    return {
      name: `tenant:${name}:graph`,
      check: async () => {
        await this.graph(name).ping();
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.#clients.values()].map((c) => c.graph.close()));
    this.#clients.clear();
  }

  #of(name: string): Clients {
    let c = this.#clients.get(name);
    if (!c) {
      const config = this.#configs.get(name);
      // The configuration check makes every tenant a feature names exist; this is a bug if reached.
      if (!config) throw new Error(`no [[tenants]] entry is named ${name}`);
      const tokens = createTokenProvider(config);
      c = { tokens, graph: createGraphClient(config, tokens) };
      this.#clients.set(name, c);
    }
    return c;
  }
}
