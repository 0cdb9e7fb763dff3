// What the portal needs from the running feature (PortalDeps, wired by run/start.ts) and what it
// builds from it once at start (PortalContext): its two stores, the compiled group-naming policies,
// the joinable groups' names.
import type { Logger } from 'pino';
import type { GraphClient } from '../../connectors/microsoft/graph/index.js';
import type { Store } from '../../platform/db/index.js';
import type { AccountsConfig } from '../config.js';
import type { Mailer } from '../mail/mailer.js';
import { type CompiledGroupNaming, compileGroupNaming, type GroupKind } from '../policy/group-name.js';
import type { CompiledTemplate } from '../policy/templates.js';
import type { AccountsAudit } from '../store/audit.js';
import { VerificationCodes } from '../store/codes.js';
import { PortalSessions } from '../store/portal-sessions.js';
import type { AccountRequests } from '../store/requests.js';
import type { StatusLinks } from '../store/status-links.js';
import { JoinableGroups } from './joinable-groups.js';

export interface PortalDeps {
  /** `[accounts]`, parsed and frozen. */
  config: AccountsConfig;
  /** compileTemplate of each configured template, in configuration order. */
  templates: readonly CompiledTemplate[];
  store: Store;
  requests: AccountRequests;
  audit: AccountsAudit;
  statusLinks: StatusLinks;
  mailer: Mailer;
  /** The accounts tenant's client: UPN preview lookups, group names, the first credential. */
  graph: GraphClient;
  /** The public listener's base URL (`https://accounts.example.edu`) for links in mails; none: code only. */
  publicUrl: () => string | undefined;
  clock?: () => number;
  logger: Logger;
}

export interface PortalContext extends PortalDeps {
  clock: () => number;
  codes: VerificationCodes;
  sessions: PortalSessions;
  naming: Readonly<Record<GroupKind, CompiledGroupNaming>>;
  groups: JoinableGroups;
}

export function portalContext(deps: PortalDeps): PortalContext {
  const clock = deps.clock ?? Date.now;
  const v = deps.config.verification;
  return {
    ...deps,
    clock,
    codes: new VerificationCodes(
      deps.store.db,
      {
        perAddress: deps.config.rateLimits.perAddress,
        perIp: deps.config.rateLimits.perIp,
        codeLifetimeMinutes: v.codeLifetimeMinutes,
        linkLifetimeMinutes: v.linkLifetimeMinutes,
        codeAttempts: v.codeAttempts,
      },
      clock,
    ),
    sessions: new PortalSessions(deps.store.db, clock),
    naming: {
      m365: compileGroupNaming(deps.config.groups.m365),
      security: compileGroupNaming(deps.config.groups.security),
    },
    groups: new JoinableGroups(deps.graph, deps.config.groups.joinable, deps.logger),
  };
}

/** A link under the public URL, or undefined when none is configured (mails then carry the code only). */
export function publicLink(ctx: Pick<PortalDeps, 'publicUrl'>, path: string): string | undefined {
  const base = ctx.publicUrl();
  if (base === undefined) return undefined;
  return new URL(path, base.endsWith('/') ? base : `${base}/`).href;
}
