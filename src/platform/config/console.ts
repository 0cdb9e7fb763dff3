// `[console]`: how people sign in to the operator console (Entra ID through a `[[tenants]]` app
// registration, and a local break-glass account), its sessions, the sign-in throttle and the audit
// log. With neither way of signing in configured, graphsoc still serves and the console says how to
// set one up.
import { z } from 'zod';
import {
  auditOptionsSchema,
  ROLES,
  sessionOptionsSchema,
  throttleOptionsSchema,
} from '../web-session/index.js';
import type { ConfigIssue } from './compose.js';
import type { TenantConfig } from './tenant.js';

const role = z.enum(ROLES);

/** The app roles the app registration defines by default (docs/console.md). */
export const DEFAULT_APP_ROLES = {
  'graphsoc.viewer': 'viewer',
  'graphsoc.analyst': 'analyst',
  'graphsoc.admin': 'admin',
} as const;

const entraSchema = z
  .object({
    /** The `[[tenants]]` entry (its name) whose app registration people sign in with; empty: no Entra sign-in. */
    tenant: z.string().default(''),
    /** The app registration's client id when it is not the tenant's own app. */
    clientId: z.guid().optional(),
    /** App role value → console role. */
    appRoles: z.record(z.string().min(1).max(120), role).default({ ...DEFAULT_APP_ROLES }),
    /** Group object id → console role (from the token's `groups` claim). */
    groups: z.record(z.guid(), role).default({}),
  })
  .strict()
  .prefault({});

/**
 * The session store's options, with its two rules attached to the key they are about (so a problem
 * names `console.session.touchEverySec`, as every other configuration problem names its key).
 */
const sessionSchema = z
  .object(sessionOptionsSchema.shape)
  .strict()
  .refine((o) => o.idleTimeoutSec <= o.absoluteLifetimeSec, {
    message: 'expected idleTimeoutSec to be at most absoluteLifetimeSec',
    path: ['idleTimeoutSec'],
  })
  .refine((o) => o.touchEverySec * 2 <= o.idleTimeoutSec, {
    message: 'expected touchEverySec to be at most half of idleTimeoutSec',
    path: ['touchEverySec'],
  })
  .prefault({});

const breakGlassSchema = z
  .object({
    /** The local account for when Entra ID is out of reach. Off unless you turn it on. */
    enabled: z.boolean().default(false),
    user: z.string().min(1).max(64).default('break-glass'),
    /** A file holding the password's hash as `graphsoc console hash-password` prints it. */
    passwordHashFile: z.string().min(1).optional(),
  })
  .strict()
  .prefault({});

export const consoleSchema = z
  .object({
    /** The admin listener's address as browsers reach it; the redirect URI is this + /sign-in/callback. */
    publicUrl: z.url().optional(),
    entra: entraSchema,
    breakGlass: breakGlassSchema,
    session: sessionSchema,
    signInThrottle: throttleOptionsSchema.prefault({}),
    audit: auditOptionsSchema.prefault({}),
  })
  .strict()
  .prefault({});

export type ConsoleConfig = z.output<typeof consoleSchema>;

/** Checks across sections: the tenant is configured; break-glass has its hash file and a URL it can serve. */
export function checkConsole(c: ConsoleConfig, tenants: readonly TenantConfig[], issue: ConfigIssue): void {
  const name = c.entra.tenant;
  if (name !== '' && !tenants.some((t) => t.name === name))
    issue(['console', 'entra', 'tenant'], `expected the name of a [[tenants]] entry; "${name}" is none`);
  if (c.breakGlass.enabled && c.breakGlass.passwordHashFile === undefined)
    issue(
      ['console', 'breakGlass', 'passwordHashFile'],
      'expected a file with the password hash when breakGlass.enabled is true',
    );
  if (c.publicUrl !== undefined) {
    const u = new URL(c.publicUrl);
    const loopback =
      u.hostname === 'localhost' || u.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(u.hostname);
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback))
      issue(['console', 'publicUrl'], 'expected an https:// URL (plain http only on a loopback address)');
    if (u.pathname !== '/' || u.search !== '' || u.hash !== '')
      issue(['console', 'publicUrl'], 'expected an origin without a path, e.g. https://soc.contoso.com');
  }
}
