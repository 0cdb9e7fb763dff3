// The platform's part of graphsoc.toml (server, log, database, leases, health, tenants) with its
// defaults. The app joins it with every feature's part into the one schema (compose.ts), parsed once
// at boot; docs/configuration.md documents every key and a test keeps the two in step.
import { z } from 'zod';
import type { ConfigIssue, ConfigPart } from './compose.js';
import { type TenantConfig, tenantSchema } from './tenant.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const serverSchema = z
  .object({
    /** Address the HTTP server binds to. Use 0.0.0.0 in a container. */
    host: z.string().min(1).default('127.0.0.1'),
    port: z.coerce.number().int().min(0).max(65535).default(8080),
    /** URL users and Threat Response reach graphsoc at; used in links and as the relay's JWT audience. */
    publicUrl: z.url().optional(),
  })
  .strict()
  .prefault({});

const logSchema = z
  .object({
    level: z.enum(LOG_LEVELS).default('info'),
  })
  .strict()
  .prefault({});

const databaseSchema = z
  .object({
    /** `sqlite:./data/graphsoc.db` (one instance) or `postgres://user@host:5432/db` (several instances). */
    url: z.string().min(1).default('sqlite:./data/graphsoc.db'),
  })
  .strict()
  .prefault({});

const leasesSchema = z
  .object({
    /** How long an instance owns a unit of work without renewing. Takeover after a crash takes at most this long. */
    ttlSec: z.coerce.number().int().min(5).max(3600).default(30),
    /** How often an owner renews its leases; must be well under ttlSec. */
    renewEverySec: z.coerce.number().int().min(1).max(1200).default(10),
  })
  .strict()
  .prefault({})
  .refine((l) => l.renewEverySec * 2 <= l.ttlSec, {
    message: 'expected renewEverySec to be at most half of ttlSec',
    path: ['renewEverySec'],
  });

const healthSchema = z
  .object({
    /** How often the configured dependencies (each tenant's token and Graph) are probed for /readyz. */
    dependencyCheckEverySec: z.coerce.number().int().min(5).max(3600).default(60),
  })
  .strict()
  .prefault({});

/** The platform's own sections; features add theirs (see compose.ts). */
export const platformConfig = {
  sections: {
    server: serverSchema,
    log: logSchema,
    database: databaseSchema,
    leases: leasesSchema,
    health: healthSchema,
    tenants: z.array(tenantSchema).default([]),
  },
  check(c: PlatformConfig, issue: ConfigIssue) {
    const seen = new Set<string>();
    c.tenants.forEach((t, i) => {
      if (seen.has(t.name)) issue(['tenants', i, 'name'], `expected a unique name; "${t.name}" repeats`);
      seen.add(t.name);
    });
  },
  secretPaths: [
    ['tenants', '*', 'clientSecret'],
    ['database', 'url'],
  ],
} satisfies ConfigPart<PlatformConfig>;

/** The configuration every feature sees: the platform's sections. */
export interface PlatformConfig {
  server: z.output<typeof serverSchema>;
  log: z.output<typeof logSchema>;
  database: z.output<typeof databaseSchema>;
  leases: z.output<typeof leasesSchema>;
  health: z.output<typeof healthSchema>;
  tenants: TenantConfig[];
}
