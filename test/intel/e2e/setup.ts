// An emulated world for the sync's end-to-end tests: TruSTAR, TAXII 2.1, Entra with graphsoc's app,
// a Sentinel workspace, Defender and Graph tiIndicators, and a configuration loaded through the
// product's own loader (the sandbox's wiring, narrowed to what a test names).
import type { Kysely } from 'kysely';
import { type Emulators, startEmulators } from '../../../emulators/index.js';
import { loadAppConfig } from '../../../src/app/config.js';
import type { Config } from '../../../src/app/config.js';
import { appServices } from '../../../src/app/services.js';
import { forgetCachedApplications } from '../../../src/connectors/microsoft/identity/index.js';
import type { SinkName } from '../../../src/intel/config.js';
import { runSync, type SyncOptions, type SyncResult } from '../../../src/intel/engine/sync.js';
import { buildIntel } from '../../../src/intel/run/build.js';
import type { Database } from '../../../src/platform/db/index.js';
import { applyIntel, seedSentinelWorkspace } from '../../../src/sandbox/intel.js';
import { type SandboxTenant, seedTenant, tenantConfig } from '../../../src/sandbox/tenant.js';
import { openTestDatabase, type TestDatabase } from '../../helpers/databases.js';

export interface World {
  emulators: Emulators;
  tenant: SandboxTenant;
  workspaceId: string;
  config: Config;
  /** The raw configuration the loader read (for a graphsoc.toml of the same world). */
  raw: Record<string, unknown>;
  db: TestDatabase;
  close(): Promise<void>;
}

export interface WorldOptions {
  corpusSize?: number;
  sources?: Array<'trustar' | 'taxii'>;
  sinks?: SinkName[];
  /** Extra raw configuration under [intel] (merged one level deep into each sink). */
  sinkOverrides?: Partial<Record<SinkName, Record<string, unknown>>>;
  tokenLifetimeSec?: number;
}

export async function startWorld(o: WorldOptions = {}): Promise<World> {
  const emulators = await startEmulators({
    trustar: { corpusSize: o.corpusSize ?? 1200, limits: { perMinute: 10_000 } },
    entraGraph: o.tokenLifetimeSec ? { tokenLifetimeSec: o.tokenLifetimeSec } : {},
  });
  const { tenant } = seedTenant(emulators.entraGraph);
  const workspaceId = seedSentinelWorkspace(emulators, tenant);
  const db = await openTestDatabase('sqlite');
  let captured: Record<string, unknown> = {};
  const { config } = loadAppConfig({
    noFile: true,
    env: {},
    overrides: (raw) => {
      raw.database = { url: db.url };
      applyIntel(raw, emulators, tenant, workspaceId);
      raw.tenants = [tenantConfig(tenant, emulators.entraGraph, emulators.caPath)];
      const intel = raw.intel as Record<string, unknown> & { sinks: Record<string, Record<string, unknown>> };
      intel.sources = o.sources ?? ['trustar'];
      intel.sinks.graph = { enabled: true, tenant: tenant.name, policy: intel.sinks.sentinel?.policy };
      for (const name of ['sentinel', 'defender', 'graph'] as const) {
        const sink = intel.sinks[name] as Record<string, unknown>;
        sink.enabled = (o.sinks ?? ['sentinel', 'defender', 'graph']).includes(name);
        Object.assign(sink, o.sinkOverrides?.[name] ?? {});
      }
      captured = structuredClone(raw) as Record<string, unknown>;
    },
  });
  return {
    emulators,
    tenant,
    workspaceId,
    config,
    raw: captured,
    db,
    close: async () => {
      await db.cleanup();
      await emulators.close();
      await forgetCachedApplications();
    },
  };
}

/** One sync run as `graphsoc intel sync` does it, with fresh clients (as a restarted process has). */
export async function syncOnce(
  w: World,
  o: Partial<SyncOptions> & { wrap?: (b: ReturnType<typeof buildIntel>) => void } = {},
): Promise<SyncResult> {
  const services = appServices(w.config);
  const built = buildIntel({
    intel: w.config.intel,
    trustar: w.config.trustar,
    taxii: w.config.taxii,
    microsoft: services.microsoft,
  });
  o.wrap?.(built);
  try {
    return await runSync(w.db.store.db as Kysely<Database>, built.sources, built.sinks, {
      dryRun: false,
      ...o,
    });
  } finally {
    await built.close();
    await services.close();
  }
}
