// The sources and sinks a configuration names, built with their clients: TruSTAR from `[trustar]`,
// each enabled sink from its `[intel.sinks.*]` section and its tenant's app registration. Every client
// reports its 429s to the sink's pacer (which then holds every later call) and to the run's count.
import type { MicrosoftTenants } from '../../connectors/microsoft/tenants/index.js';
import { createDefenderClient } from '../../connectors/microsoft/defender/index.js';
import { createGraphClient } from '../../connectors/microsoft/graph/index.js';
import { createSentinelClient, sentinelConnection } from '../../connectors/microsoft/sentinel/index.js';
import { createTaxiiClient, type TaxiiConfig, taxiiConnection } from '../../connectors/taxii/index.js';
import {
  createTrustarClient,
  trustarConnection,
  type TrustarConfig,
} from '../../connectors/trustar/index.js';
import { type Clock, systemClock } from '../../platform/http/index.js';
import { type IntelConfig, type SinkName, SINK_NAMES } from '../config.js';
import { Pacer } from '../engine/pacer.js';
import type { SinkRuntime } from '../engine/sync.js';
import { IntelNotConfiguredError } from '../errors.js';
import { compilePolicy } from '../policy/compile.js';
import { createDefenderSink } from '../sinks/defender.js';
import { createGraphSink } from '../sinks/graph.js';
import { createSentinelSink } from '../sinks/sentinel.js';
import type { IntelSink } from '../sinks/types.js';
import { createTaxiiSource } from '../sources/taxii.js';
import { createTrustarSource } from '../sources/trustar.js';
import type { IntelSource } from '../sources/types.js';

export interface BuildInput {
  intel: IntelConfig;
  trustar: TrustarConfig;
  taxii: TaxiiConfig;
  microsoft: MicrosoftTenants;
  clock?: Clock;
}

export interface Built {
  sources: IntelSource[];
  sinks: SinkRuntime[];
  close(): Promise<void>;
}

/** Sources and sinks to run; `only` narrows the sinks (the CLI's --sink), `sources` the sources. */
export function buildIntel(
  b: BuildInput,
  only?: readonly SinkName[],
  onlySources?: readonly string[],
): Built {
  const clock = b.clock ?? systemClock;
  const names = SINK_NAMES.filter(
    (n) => b.intel.sinks[n].enabled && (only === undefined || only.includes(n)),
  );
  if (names.length === 0)
    throw new IntelNotConfiguredError(
      only ? `none of ${only.join(', ')} is enabled in [intel.sinks]` : 'no sink is enabled in [intel.sinks]',
    );
  const closers: Array<() => Promise<void>> = [];
  const sources = b.intel.sources
    .filter((s) => onlySources === undefined || onlySources.includes(s))
    .flatMap((s) => buildSources(s, b, clock, closers));
  if (sources.length === 0) throw new IntelNotConfiguredError('no source to read (intel.sources)');
  const sinks = names.map((n) => buildSink(n, b, clock));
  return {
    sources,
    sinks,
    close: async () => {
      await Promise.all([
        ...sources.map((s) => s.close()),
        ...sinks.map((s) => s.sink.close()),
        ...closers.map((c) => c()),
      ]);
    },
  };
}

/** TruSTAR is one source; TAXII is one per collection, sharing one client (closed once, by `closers`). */
function buildSources(
  name: string,
  b: BuildInput,
  clock: Clock,
  closers: Array<() => Promise<void>>,
): IntelSource[] {
  if (name === 'trustar')
    return [
      createTrustarSource(createTrustarClient(trustarConnection(b.trustar), { clock }), b.intel.trustar),
    ];
  if (name === 'taxii') {
    const client = createTaxiiClient(taxiiConnection(b.taxii), { clock });
    closers.push(() => client.close());
    return b.taxii.collectionIds.map((id) => createTaxiiSource(client, id));
  }
  throw new IntelNotConfiguredError(`unknown source ${name}`);
}

function buildSink(name: SinkName, b: BuildInput, clock: Clock): SinkRuntime {
  const cfg = b.intel.sinks[name];
  if (cfg.tenant === undefined) throw new IntelNotConfiguredError(`intel.sinks.${name}.tenant is not set`);
  const { config: tenant, tokens } = b.microsoft.app(cfg.tenant);
  const pacer = new Pacer({ calls: cfg.requestsPerMinute, windowMs: cfg.rateWindowSeconds * 1000, clock });
  let throttled = 0;
  const onThrottled = (e: { retryAfterMs: number | undefined }) => {
    throttled++;
    if (e.retryAfterMs !== undefined) pacer.pauseUntil(clock.now() + e.retryAfterMs);
  };
  let sink: IntelSink;
  if (name === 'sentinel') {
    const s = b.intel.sinks.sentinel;
    if (s.workspaceId === undefined)
      throw new IntelNotConfiguredError('intel.sinks.sentinel.workspaceId is not set');
    const client = createSentinelClient(
      tenant,
      tokens,
      sentinelConnection({ ...s, workspaceId: s.workspaceId }),
      { clock, onThrottled },
    );
    // The Sentinel sink closes its client itself.
    sink = createSentinelSink(client, { now: () => clock.now() });
  } else if (name === 'defender') {
    const d = b.intel.sinks.defender;
    const client = createDefenderClient(tenant, tokens, { clock, onThrottled });
    sink = withClose(
      createDefenderSink(client, {
        appId: tenant.clientId,
        capacity: d.maxIndicators,
        ...(d.rbacGroupNames.length > 0 ? { rbacGroupNames: d.rbacGroupNames } : {}),
      }),
      () => client.close(),
    );
  } else {
    const client = createGraphClient(tenant, tokens, { clock, onThrottled });
    sink = withClose(
      createGraphSink(client, {
        targetProduct: b.intel.sinks.graph.targetProduct,
        azureTenantId: tenant.tenantId,
      }),
      () => client.close(),
    );
  }
  return {
    name,
    sink,
    policy: compilePolicy(name, cfg.policy),
    pacer,
    concurrency: cfg.concurrency,
    throttled: () => throttled,
  };
}

/** The sink closes the client it was built on (the sinks do not own their clients). */
function withClose(sink: IntelSink, closeClient: () => Promise<void>): IntelSink {
  // The sinks are plain objects of closures, so a spread keeps every method working.
  return {
    ...sink,
    close: async () => {
      await sink.close();
      await closeClient();
    },
  };
}
