// A sink's policy as configuration: which indicators it receives, for how long, with which action,
// and what it never receives. One zod schema per sink kind, because the types a sink can hold and
// its defaults differ; every default sits beside its key and docs/intel.md lists them.
import { z } from 'zod';
import { canonicalDomain, normaliseCidr } from '../model/normalise-host.js';
import { INDICATOR_TYPES, type IndicatorType, TLP_LEVELS } from '../model/types.js';
import { RESERVED_GROUP_NAMES } from './reserved.js';
import { DEFAULT_SINK_TYPES, SINK_TYPES, type SinkKind } from './sinks.js';

export const ACTIONS = ['alert', 'block', 'audit'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Days an indicator stays live after it was last seen, unless its source ends it sooner. Addresses
 * change hands within weeks; domains and URLs live for months; a file's hash never changes meaning.
 */
export const DEFAULT_TTL_DAYS: Readonly<Record<IndicatorType, number>> = {
  ipv4: 30,
  ipv6: 30,
  cidr: 30,
  domain: 90,
  url: 60,
  email: 90,
  md5: 365,
  sha1: 365,
  sha256: 365,
  'file-name': 90,
};

const domainEntry = z.string().transform((d, ctx) => {
  const domain = canonicalDomain(d.trim());
  if (domain !== undefined) return domain;
  ctx.addIssue({ code: 'custom', message: `expected a domain name, got "${d}"` });
  return z.NEVER;
});

/** An address or CIDR block; an address is its /32 or /128. */
const rangeEntry = z.string().transform((r, ctx) => {
  const text = r.includes('/') ? r.trim() : `${r.trim()}/${r.includes(':') ? 128 : 32}`;
  const block = normaliseCidr('cidr', text);
  if (block.ok) return text;
  ctx.addIssue({ code: 'custom', message: `expected an IP address or CIDR block, got "${r}"` });
  return z.NEVER;
});

const actionRule = z
  .object({
    action: z.enum(ACTIONS),
    /** The rule applies from this score up (the indicator's, or `unscoredAs` when it has none). */
    minScore: z.number().int().min(0).max(100).default(0),
    /** The rule applies to these types only; all types when absent. */
    types: z.array(z.enum(INDICATOR_TYPES)).min(1).optional(),
  })
  .strict();
export type ActionRule = z.output<typeof actionRule>;

/**
 * Never block by default: a feed's false positive that blocks a business site costs more than a
 * missed alert. Operators add block rules (say, hashes from score 90) once they trust the feed.
 */
export const DEFAULT_ACTIONS: Readonly<Record<SinkKind, readonly z.input<typeof actionRule>[]>> = {
  sentinel: [{ action: 'alert' }],
  defender: [
    { action: 'alert', minScore: 50 },
    { action: 'audit', minScore: 0 },
  ],
  graph: [{ action: 'alert' }],
};

export function sinkPolicySchema(sink: SinkKind) {
  const ttl = Object.fromEntries(
    INDICATOR_TYPES.map((t) => [t, z.number().int().min(1).max(3650).default(DEFAULT_TTL_DAYS[t])]),
  ) as Record<IndicatorType, z.ZodDefault<z.ZodNumber>>;
  return z
    .object({
      /** The indicator types this sink receives. */
      types: z
        .array(z.enum(INDICATOR_TYPES))
        .default([...DEFAULT_SINK_TYPES[sink]])
        .refine((ts) => ts.every((t) => SINK_TYPES[sink].includes(t)), {
          message: `${sink} can hold only ${SINK_TYPES[sink].join(', ')}`,
        }),
      /** Days live after last seen, per type: expiry = min(source's validUntil, lastSeen + TTL). */
      ttlDays: z.object(ttl).strict().prefault({}),
      /** An indicator last seen longer ago than this is not sent, and is withdrawn if it was. */
      maxAgeDays: z.number().int().min(1).max(3650).default(180),
      /** Below this score an indicator is not sent; 1 keeps out what the source calls benign (0). */
      minScore: z.number().int().min(0).max(100).default(1),
      /** The score of an indicator whose source gives none (TruSTAR observables have none). */
      unscoredAs: z.number().int().min(0).max(100).default(50),
      /** First matching rule wins; when none matches, the action is audit. */
      actions: z
        .array(actionRule)
        .min(1)
        .default([...DEFAULT_ACTIONS[sink]].map((r) => actionRule.parse(r))),
      /** Severity from score: from `high` up high, from `medium` medium, from `low` low, else informational. */
      severity: z
        .object({
          low: z.number().int().min(0).max(100).default(25),
          medium: z.number().int().min(0).max(100).default(50),
          high: z.number().int().min(0).max(100).default(75),
        })
        .strict()
        .prefault({})
        .refine((s) => s.low <= s.medium && s.medium <= s.high, { message: 'expected low ≤ medium ≤ high' }),
      /** The most restricted TLP this sink may receive; RED is for named recipients, not a tenant's tools. */
      maxTlp: z.enum(TLP_LEVELS).default('amber+strict'),
      /** Your organisation's domains; they and their subdomains are never sent. */
      ownDomains: z.array(domainEntry).default([]),
      /** Further domains (and their subdomains) never sent: partners, CDNs, your SaaS. */
      allowDomains: z.array(domainEntry).default([]),
      /** Addresses and CIDR blocks never sent: your egress ranges, partners. */
      allowCidrs: z.array(rangeEntry).default([]),
      /** Built-in special-purpose groups never sent (reserved.ts); all of them by default. */
      reserved: z.array(z.enum(RESERVED_GROUP_NAMES)).default([...RESERVED_GROUP_NAMES]),
      /** Whether the hashes of the empty file are kept out. */
      skipEmptyFileHashes: z.boolean().default(true),
      /** Shorter prefixes than these cover too many hosts to send as one indicator. */
      minCidrPrefix: z
        .object({
          ipv4: z.number().int().min(0).max(32).default(16),
          ipv6: z.number().int().min(0).max(128).default(32),
        })
        .strict()
        .prefault({}),
    })
    .strict();
}

export type SinkPolicy = z.output<ReturnType<typeof sinkPolicySchema>>;
export type SinkPolicyInput = z.input<ReturnType<typeof sinkPolicySchema>>;
