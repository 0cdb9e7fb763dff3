// Schema of `[relay]` (the Threat Response relay) and `[relay.graphSecurity]` in graphsoc.toml, and
// the relay's part of the configuration.
import { z } from 'zod';
import {
  DEFAULT_AUTHORITY_HOST,
  DEFAULT_DEFENDER_BASE_URL,
  DEFAULT_GRAPH_BASE_URL,
  httpsUrl,
  type PlatformConfig,
} from '../platform/config/index.js';
import type { FeatureConfig } from '../platform/feature/index.js';
import { MODULES } from './modules/index.js';

/** host or host:port, as a configuration token's `jwks_host` claim names it. */
const jwksHost = z
  .string()
  .regex(
    /^[a-z0-9.-]+(:\d{1,5})?$/i,
    'expected a host name such as visibility.amp.cisco.com, without scheme or path',
  );

const graphSecuritySchema = z
  .object({
    /** `modern`: Advanced Hunting + alerts_v2; `legacy`: the retiring /security/alerts API. */
    backend: z.enum(['modern', 'legacy']).default('modern'),
    /** Sightings per request when the token carries no CTR_ENTITIES_LIMIT. */
    defaultLimit: z.coerce.number().int().min(1).max(1000).default(100),
    /** Upper bound for CTR_ENTITIES_LIMIT from a token. */
    maxLimit: z.coerce.number().int().min(1).max(1000).default(100),
    lookbackDays: z.coerce.number().int().min(1).max(30).default(30),
    /** Concurrent $batch requests per relay request. */
    batchConcurrency: z.coerce.number().int().min(1).max(10).default(5),
    authorityHost: httpsUrl.default(DEFAULT_AUTHORITY_HOST),
    graphBaseUrl: httpsUrl.default(DEFAULT_GRAPH_BASE_URL),
    graphScope: z.string().min(1).optional(),
    /** Days an indicator added by a respond action lives in Defender; 0 keeps it until removed. */
    indicatorDays: z.coerce.number().int().min(0).max(3650).default(90),
    /** Defender for Endpoint API root, for the respond actions (machine actions and indicators). */
    defenderBaseUrl: httpsUrl.default(DEFAULT_DEFENDER_BASE_URL),
    /** Defender token scope; by default the securitycenter audience (`.../.default`). */
    defenderScope: z.string().min(1).optional(),
    caFile: z.string().min(1).optional(),
    /** Where the refer links point. */
    portalUrl: httpsUrl.default('https://security.microsoft.com'),
    /**
     * Seconds alert details read from alerts_v2 are reused; each alert in a $batch counts against
     * Graph's 150 requests per minute for security alerts. 0 reads every alert every time.
     */
    alertCacheSec: z.coerce.number().int().min(0).max(3600).default(60),
    /** Alerts (with their incidents) linked by /refer/observables; 0 keeps refer free of upstream calls. */
    referAlertLinks: z.coerce.number().int().min(0).max(20).default(5),
  })
  .strict()
  .prefault({});

export const relaySchema = z
  .object({
    enabled: z.boolean().default(false),
    /** `prefixed`: each module under /relay/<module>; `root`: one module at the root, as the seeds deploy. */
    mount: z.enum(['prefixed', 'root']).default('prefixed'),
    modules: z.array(z.string().min(1)).default(['graph-security']),
    /** JWKS hosts trusted besides Cisco's regional ones. */
    jwksHosts: z.array(jwksHost).default([]),
    jwksCacheSec: z.coerce.number().int().min(60).max(86_400).default(3600),
    clockToleranceSec: z.coerce.number().int().min(0).max(300).default(30),
    /**
     * Validate every CTIM document against its schema before answering; one that fails is left out
     * with a warning. For troubleshooting a mapping: it costs ~30 µs per document.
     */
    checkAnswers: z.boolean().default(false),
    /** Answer within this time; Threat Response gives up on slow modules. */
    requestTimeoutSec: z.coerce.number().int().min(1).max(120).default(25),
    /** HS256 secret of a legacy (tr-05 v1) deployment; RS256 configuration tokens need none. */
    hs256Secret: z.string().min(16, 'expected at least 16 characters').optional(),
    hs256RequireExp: z.boolean().default(true),
    /** Extra CA (PEM) to trust for JWKS hosts, e.g. the sandbox's emulator CA. */
    caFile: z.string().min(1).optional(),
    graphSecurity: graphSecuritySchema,
  })
  .strict()
  .prefault({});

export type RelayConfig = z.infer<typeof relaySchema>;

/** The configuration the relay reads: the platform's sections and `[relay]`. */
export type RelayAppConfig = PlatformConfig & { relay: RelayConfig };

export const relayConfig: FeatureConfig<RelayAppConfig> = {
  sections: { relay: relaySchema },
  enabled: (c) => c.relay.enabled,
  // What start() would refuse (start.ts keeps its own check as a backstop), found by config check.
  check(c, issue) {
    const known = Object.keys(MODULES);
    c.relay.modules.forEach((m, i) => {
      if (!MODULES[m])
        issue(['relay', 'modules', i], `expected a relay module (${known.join(', ')}); found "${m}"`);
    });
    if (c.relay.mount === 'root' && c.relay.modules.length !== 1)
      issue(
        ['relay', 'mount'],
        `expected "prefixed" when relay.modules names ${c.relay.modules.length} modules: "root" serves exactly one; found "root"`,
      );
  },
  secretPaths: [['relay', 'hs256Secret']],
};
