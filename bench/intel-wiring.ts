// The sync side of `npm run bench:intel`: the database (SQLite in a temp dir, or BENCH_DB), the sinks
// built by the product's own buildIntel from a configuration pointed at the emulators (so pacers,
// 429 handling and policies are the product's), and the TruSTAR source built directly so its client
// can drop the one-call-a-second pace the product keeps for the real service. Each sink is wrapped to
// note when every call starts, which is what the rate use is measured from.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateStore } from '../src/app/migrations.js';
import { MicrosoftTenants } from '../src/connectors/microsoft/tenants/index.js';
import { taxiiSchema } from '../src/connectors/taxii/index.js';
import { createTrustarClient, trustarConnection, trustarSchema } from '../src/connectors/trustar/index.js';
import { intelSchema } from '../src/intel/config.js';
import type { SinkRuntime } from '../src/intel/engine/sync.js';
import { buildIntel } from '../src/intel/run/build.js';
import type { IntelSink } from '../src/intel/sinks/types.js';
import { createTrustarSource } from '../src/intel/sources/trustar.js';
import type { IntelSource } from '../src/intel/sources/types.js';
import { openDatabase, type Store } from '../src/platform/db/index.js';
import { RESERVED_GROUP_NAMES } from '../src/intel/policy/reserved.js';
import { tenantSchema } from '../src/platform/config/tenant.js';
import { BENCH_CLIENT, BENCH_SECRET, BENCH_TENANT, BENCH_WORKSPACE, type Msg } from './intel-emulators.js';

/**
 * The generated corpus uses documentation ranges and example.* names, which every real policy keeps
 * out; the bench lets that one group through (as the sandbox does) so the whole corpus is eligible.
 */
export const BENCH_POLICY = {
  reserved: RESERVED_GROUP_NAMES.filter((g) => g !== 'documentation'),
};

/** A sink runtime whose calls are noted (start times, real ms) for the rate-use figure. */
export interface NotedSink extends SinkRuntime {
  starts: number[];
  limit: number;
  windowMs: number;
}

export interface BenchSync {
  store: Store;
  source: IntelSource;
  sinks: NotedSink[];
  close(): Promise<void>;
}

export async function openBenchDb(): Promise<{ store: Store; cleanup(): void }> {
  const dir = process.env.BENCH_DB ? undefined : mkdtempSync(join(tmpdir(), 'graphsoc-bench-intel-'));
  const url = process.env.BENCH_DB ?? `sqlite:${join(dir as string, 'graphsoc.db')}`;
  const store = await openDatabase(url);
  await migrateStore(store);
  return { store, cleanup: () => dir && rmSync(dir, { recursive: true, force: true }) };
}

export function buildBenchSync(store: Store, ready: Msg, timeScale: number): BenchSync {
  const caFile = ready.caPath as string;
  const windowSeconds = 60 / timeScale;
  const intel = intelSchema.parse({
    enabled: true,
    sources: ['trustar'],
    sinks: {
      sentinel: {
        enabled: true,
        tenant: 'bench',
        workspaceId: BENCH_WORKSPACE,
        uploadBaseUrl: ready.sentinelUrl,
        sourceSystem: 'graphsoc bench',
        rateWindowSeconds: windowSeconds,
        policy: BENCH_POLICY,
      },
      defender: { enabled: true, tenant: 'bench', rateWindowSeconds: windowSeconds, policy: BENCH_POLICY },
    },
  });
  const trustar = trustarSchema.parse({
    baseUrl: ready.trustarUrl,
    apiKey: 'emulator-api-key',
    apiSecret: 'emulator-api-secret-5f0c',
    enclaveIds: ready.enclaveIds,
    clientMetatag: 'graphsoc bench',
    caFile,
  });
  const microsoft = new MicrosoftTenants([
    tenantSchema.parse({
      name: 'bench',
      tenantId: BENCH_TENANT,
      clientId: BENCH_CLIENT,
      clientSecret: BENCH_SECRET,
      authorityHost: ready.loginUrl,
      graphBaseUrl: ready.graphUrl,
      graphScope: 'https://graph.microsoft.com/.default',
      defenderBaseUrl: ready.defenderUrl,
      caFile,
    }),
  ]);
  const built = buildIntel({ intel, trustar, taxii: taxiiSchema.parse({}), microsoft });
  // The built source keeps the product's 1 call/s toward TruSTAR; the bench reads through its own.
  for (const s of built.sources) void s.close();
  const client = createTrustarClient(trustarConnection(trustar), {
    limits: { concurrency: 2, ratePerSec: 0 },
  });
  const source = createTrustarSource(client, intel.trustar);
  const sinks = built.sinks.map((rt): NotedSink => {
    const starts: number[] = [];
    const cfg = intel.sinks[rt.name as 'sentinel' | 'defender'];
    return {
      ...rt,
      sink: noted(rt.sink, starts),
      starts,
      limit: cfg.requestsPerMinute,
      windowMs: cfg.rateWindowSeconds * 1000,
    };
  });
  return {
    store,
    source,
    sinks,
    close: async () => {
      await Promise.all([source.close(), ...built.sinks.map((s) => s.sink.close())]);
      await microsoft.close();
    },
  };
}

/** The sink with each call's start noted; the engine calls it right after the pacer's turn. */
function noted(sink: IntelSink, starts: number[]): IntelSink {
  return {
    ...sink,
    upsert: (records, signal) => {
      starts.push(performance.now());
      return sink.upsert(records, signal);
    },
    withdraw: (records, signal) => {
      starts.push(performance.now());
      return sink.withdraw(records, signal);
    },
  };
}
