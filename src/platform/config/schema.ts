// The platform's part of graphsoc.toml (server, log, database, leases, health, tenants, console) with its
// defaults. The app joins it with every feature's part into the one schema (compose.ts), parsed once
// at boot; docs/configuration.md documents every key and a test keeps the two in step.
import { z } from 'zod';
import type { ConfigIssue, ConfigPart } from './compose.js';
import { checkConsole, type ConsoleConfig, consoleSchema } from './console.js';
import { type TenantConfig, tenantSchema } from './tenant.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = z.coerce.number().int().min(0).max(65535);

/** A proxy whose X-Forwarded-* headers are believed: an address, a CIDR range, or a proxy-addr name. */
const proxyAddress = z.union([
  z.ipv4(),
  z.ipv6(),
  z.cidrv4(),
  z.cidrv6(),
  z.enum(['loopback', 'linklocal', 'uniquelocal']),
]);

/** `true`/`false`, or the trusted proxies; a variable gives them as text, comma-separated. */
const trustProxy = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const t = v.trim().toLowerCase();
    if (t === 'true' || t === 'false') return t === 'true';
    return v.split(',').map((s) => s.trim());
  },
  z.union([z.boolean(), z.array(proxyAddress).min(1)]),
);

const adminSchema = z
  .object({
    /** The operator pages (dashboard, /metrics, /readyz) listen here: loopback unless the operator says so. */
    host: z.string().min(1).default('127.0.0.1'),
    /** Defaults to the public port + 1 (0 when that is 0), so --port moves both and two instances never clash. */
    port: port.optional(),
  })
  .strict()
  .prefault({});

const serverSchema = z
  .object({
    /** Address the public listener (relay, webhooks, /healthz) binds to. Use 0.0.0.0 in a container. */
    host: z.string().min(1).default('127.0.0.1'),
    port: port.default(8080),
    /** URL users and Threat Response reach graphsoc at; used in links and as the relay's JWT audience. */
    publicUrl: z.url().optional(),
    /** Whether X-Forwarded-Proto/-For are believed, and from which proxies; off: graphsoc is reached directly. */
    trustProxy: trustProxy.default(false),
    admin: adminSchema,
  })
  .strict()
  .transform((s) => ({
    ...s,
    admin: { host: s.admin.host, port: s.admin.port ?? (s.port === 0 ? 0 : s.port + 1) },
  }))
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
    console: consoleSchema,
  },
  check(c: PlatformConfig, issue: ConfigIssue) {
    const { port: pub, admin } = c.server;
    if (admin.port > 65535)
      issue(
        ['server', 'admin', 'port'],
        `expected a port 0-65535; set it, as server.port ${pub} has no next port`,
      );
    else if (admin.port === pub && pub !== 0)
      issue(['server', 'admin', 'port'], `expected a port other than server.port (${pub})`);
    const seen = new Set<string>();
    c.tenants.forEach((t, i) => {
      if (seen.has(t.name)) issue(['tenants', i, 'name'], `expected a unique name; "${t.name}" repeats`);
      seen.add(t.name);
    });
    checkConsole(c.console, c.tenants, issue);
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
  console: ConsoleConfig;
}
