// `[intel]` in graphsoc.toml: which sources are read, on what schedule, and each sink's connection,
// pace and policy. The sources' connections are their connectors' sections (`[trustar]`, `[taxii]`);
// the Microsoft sinks use a `[[tenants]]` entry's app registration.
import { z } from 'zod';
import { sentinelConnectionSchema } from '../connectors/microsoft/sentinel/index.js';
import {
  TAXII_REQUIRED,
  TAXII_SECRET_PATHS,
  type TaxiiConfig,
  taxiiSchema,
} from '../connectors/taxii/index.js';
import {
  TRUSTAR_REQUIRED,
  TRUSTAR_SECRET_PATHS,
  type TrustarConfig,
  trustarSchema,
} from '../connectors/trustar/index.js';
import type { PlatformConfig } from '../platform/config/index.js';
import type { FeatureConfig } from '../platform/feature/index.js';
import { TLP_LEVELS } from './model/types.js';
import { sinkPolicySchema } from './policy/schema.js';

export const INTEL_SOURCES = ['trustar', 'taxii'] as const;
export type IntelSourceKind = (typeof INTEL_SOURCES)[number];

const trustarSourceSchema = z
  .object({
    /** `observables`: every observable of the enclaves, unscored (what the seed reads); `indicators`: priority-scored, safelisted ones withdrawn. */
    search: z.enum(['observables', 'indicators']).default('observables'),
    /** How far back the first run reads. */
    lookbackDays: z.number().int().min(1).max(364).default(30),
    /** Each run re-reads this much before where the last one stopped (TruSTAR indexes late). */
    overlapMinutes: z.number().int().min(0).max(1440).default(60),
    /** Windows end this long before now, so what is still being indexed is read next time. */
    lagMinutes: z.number().int().min(0).max(1440).default(15),
    /** Longest window of one search; the indicators search cannot page past 10,000 results. */
    windowHours: z
      .number()
      .int()
      .min(1)
      .max(8736)
      .default(24 * 7),
    /** TruSTAR marks no TLP per observable: the enclaves' sharing terms (an ISAC's are usually AMBER). */
    tlp: z.enum(TLP_LEVELS).default('amber'),
    /** Reading stops until the quota resets when fewer calls than this are left. */
    quotaReserve: z.number().int().min(0).max(10_000).default(10),
  })
  .strict()
  .prefault({});

/** What every sink section has: on/off, the tenant, the pace and the policy. */
const sinkBase = (kind: 'sentinel' | 'defender' | 'graph', perMinute: number) => ({
  enabled: z.boolean().default(false),
  /** `name` of the `[[tenants]]` entry whose app registration writes to this sink. */
  tenant: z.string().min(1).optional(),
  /** The sink's documented limit; graphsoc never starts more calls than this in any window. */
  requestsPerMinute: z.number().int().min(1).max(100_000).default(perMinute),
  /** The window the limit counts in, in seconds; 60 unless a test compresses time. */
  rateWindowSeconds: z.number().min(0.01).max(3600).default(60),
  /** Batches in flight at once. */
  concurrency: z.number().int().min(1).max(32).default(4),
  /** Which indicators this sink receives, with what action and for how long (docs/intel.md). */
  policy: sinkPolicySchema(kind).prefault({}),
});

export const sentinelSinkSchema = z
  .object({
    ...sinkBase('sentinel', 100),
    // The connector's keys (api, uploadBaseUrl, workspaceId, sourceSystem); the workspace is
    // required only once the sink is enabled (intelConfig.check).
    ...sentinelConnectionSchema.shape,
    workspaceId: sentinelConnectionSchema.shape.workspaceId.optional(),
  })
  .strict()
  .prefault({});

export const defenderSinkSchema = z
  .object({
    ...sinkBase('defender', 30),
    /** Defender holds 15,000 indicators per tenant, ours and everyone else's: the best-scored fill it. */
    maxIndicators: z.number().int().min(0).max(15_000).default(15_000),
    /** Device groups the indicators apply to; all devices when empty. */
    rbacGroupNames: z.array(z.string().min(1).max(200)).max(100).default([]),
  })
  .strict()
  .prefault({});

export const graphSinkSchema = z
  .object({
    ...sinkBase('graph', 60),
    /** The legacy tiIndicators' target: Azure Sentinel, or Microsoft Defender ATP. */
    targetProduct: z.enum(['Azure Sentinel', 'Microsoft Defender ATP']).default('Azure Sentinel'),
  })
  .strict()
  .prefault({});

export const intelSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** The sources read, each with its connector's section: `trustar` ([trustar]) and `taxii` ([taxii], one source per collection). */
    sources: z.array(z.enum(INTEL_SOURCES)).max(INTEL_SOURCES.length).default(['trustar']),
    /** Minutes between runs under `graphsoc serve`. */
    intervalMinutes: z.number().int().min(1).max(10_080).default(60),
    trustar: trustarSourceSchema,
    sinks: z
      .object({ sentinel: sentinelSinkSchema, defender: defenderSinkSchema, graph: graphSinkSchema })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({});

export type IntelConfig = z.infer<typeof intelSchema>;
export type SinkName = keyof IntelConfig['sinks'];
export const SINK_NAMES: readonly SinkName[] = ['sentinel', 'defender', 'graph'];

export type IntelAppConfig = PlatformConfig & {
  intel: IntelConfig;
  trustar: TrustarConfig;
  taxii: TaxiiConfig;
};

export const enabledSinks = (c: IntelConfig): SinkName[] => SINK_NAMES.filter((s) => c.sinks[s].enabled);

export const intelConfig: FeatureConfig<IntelAppConfig> = {
  sections: { intel: intelSchema, trustar: trustarSchema, taxii: taxiiSchema },
  enabled: (c) => c.intel.enabled,
  check(c, issue) {
    const tenants = new Set(c.tenants.map((t) => t.name));
    for (const name of SINK_NAMES) {
      const sink = c.intel.sinks[name];
      if (sink.tenant !== undefined && !tenants.has(sink.tenant))
        issue(
          ['intel', 'sinks', name, 'tenant'],
          `expected the name of a [[tenants]] entry (${[...tenants].join(', ') || 'none configured'}); found "${sink.tenant}"`,
        );
      if (sink.enabled && sink.tenant === undefined)
        issue(
          ['intel', 'sinks', name, 'tenant'],
          `expected the [[tenants]] entry whose app writes to ${name}`,
        );
    }
    if (!c.intel.enabled) return;
    if (enabledSinks(c.intel).length === 0)
      issue(
        ['intel', 'sinks'],
        'expected at least one enabled sink (intel.sinks.sentinel, .defender or .graph) when intel.enabled is true',
      );
    if (c.intel.sinks.sentinel.enabled && c.intel.sinks.sentinel.workspaceId === undefined)
      issue(['intel', 'sinks', 'sentinel', 'workspaceId'], 'expected the Sentinel workspace id (a GUID)');
    if (c.intel.sources.length === 0) issue(['intel', 'sources'], 'expected at least one source');
    if (c.intel.sources.includes('trustar'))
      for (const key of TRUSTAR_REQUIRED) {
        const v = c.trustar[key];
        if (v === undefined || (Array.isArray(v) && v.length === 0))
          issue(['trustar', key], `expected trustar.${key}: intel.sources reads TruSTAR`);
      }
    if (c.intel.sources.includes('taxii'))
      for (const key of TAXII_REQUIRED) {
        const v = c.taxii[key];
        if (v === undefined || (Array.isArray(v) && v.length === 0))
          issue(['taxii', key], `expected taxii.${key}: intel.sources reads TAXII`);
      }
  },
  secretPaths: [...TRUSTAR_SECRET_PATHS, ...TAXII_SECRET_PATHS],
};
