// The whole graphsoc.toml schema with its defaults. Parsed once at boot; the result is frozen.
// docs/configuration.md documents every key here; test/platform/config/docs.test.ts keeps them in step.
import { z } from 'zod';
import { archerSchema, phishingSchema } from './phishing.js';
import { relaySchema } from './relay.js';
import { tenantSchema } from './tenant.js';

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

export const configSchema = z
  .object({
    server: serverSchema,
    log: logSchema,
    database: databaseSchema,
    leases: leasesSchema,
    health: healthSchema,
    relay: relaySchema,
    phishing: phishingSchema,
    archer: archerSchema,
    tenants: z.array(tenantSchema).default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.tenants.forEach((t, i) => {
      if (seen.has(t.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tenants', i, 'name'],
          message: `expected a unique name; "${t.name}" repeats`,
        });
      }
      seen.add(t.name);
    });
    c.phishing.mailboxes.forEach((m, i) => {
      if (!seen.has(m.tenant)) {
        ctx.addIssue({
          code: 'custom',
          path: ['phishing', 'mailboxes', i, 'tenant'],
          message: `expected the name of a [[tenants]] entry (${[...seen].join(', ') || 'none configured'}); found "${m.tenant}"`,
        });
      }
    });
    if (c.phishing.enabled) {
      if (c.phishing.mailboxes.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['phishing', 'mailboxes'],
          message: 'expected at least one mailbox when phishing.enabled is true',
        });
      }
      for (const key of ['baseUrl', 'instanceName', 'username', 'password'] as const) {
        if (c.archer[key] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['archer', key],
            message: `expected archer.${key}: phishing reports become Archer incidents`,
          });
        }
      }
    }
  });

export type Config = z.infer<typeof configSchema>;

/**
 * Keys whose values are secrets. Each may also be given as `<key>File` (a path whose content is the
 * value) and is redacted from logs, errors and `config check` output.
 */
export const SECRET_KEYS = ['clientSecret', 'url', 'hs256Secret', 'password'] as const;
export const SECRET_PATHS: ReadonlyArray<ReadonlyArray<string>> = [
  ['tenants', '*', 'clientSecret'],
  ['database', 'url'],
  ['relay', 'hs256Secret'],
  ['archer', 'password'],
];
