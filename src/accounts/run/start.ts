// Starts the self-service accounts feature under `serve`: the public portal's routes, the
// provisioning and expiry units (each lease-owned, sharing one write pacer so both keep to the
// tenant's directory write limit), its console section and its purges.
import type { MicrosoftTenants } from '../../connectors/microsoft/tenants/index.js';
import type { FeatureContext, RunningFeature } from '../../platform/feature/index.js';
import { accountsConsole } from '../console/index.js';
import type { AccountsAppConfig } from '../feature-config.js';
import { graphMailer } from '../mail/mailer.js';
import { compileTemplate } from '../policy/templates.js';
import { portalRoutes } from '../portal/routes.js';
import { createExpiry, createProvisioner, pacerFor } from '../provision/index.js';
import { AccountsAudit } from '../store/audit.js';
import { AccountImports } from '../store/imports.js';
import { RequestStats } from '../store/request-stats.js';
import { AccountRequests } from '../store/requests.js';
import { StatusLinks } from '../store/status-links.js';
import { bindAccountsMetrics } from './metrics.js';
import { accountNotices } from './notices.js';
import { accountsPurges } from './purges.js';

export interface AccountsServices {
  microsoft: MicrosoftTenants;
}

export async function startAccounts(
  ctx: FeatureContext<AccountsAppConfig, AccountsServices>,
): Promise<RunningFeature> {
  const c = ctx.config.accounts;
  // config check makes both present when the feature is enabled (config.ts crossChecks).
  const tenant = c.tenant as string;
  const sender = c.mail.sender as string;
  const logger = ctx.logger.child({ job: 'accounts' });
  const graph = ctx.services.microsoft.graph(tenant);
  const db = ctx.store.db;
  const compiled = c.templates.map(compileTemplate);
  const requests = new AccountRequests(db);
  const audit = new AccountsAudit(db);
  const statusLinks = new StatusLinks(db);
  const imports = new AccountImports(db);
  const mailer = graphMailer(graph, sender);
  const notify = accountNotices({ config: c, mailer, statusLinks, graph, publicUrl: ctx.publicUrl });
  const pacer = pacerFor({ config: c });
  const provisioner = createProvisioner({
    config: c,
    templates: new Map(compiled.map((t) => [t.config.name, t])),
    requests,
    audit,
    graph,
    notify,
    pacer,
    logger,
    // An approval lands in the database, not in this process: looking every 5 s for a request that
    // became due costs one indexed query and has an approved request start within seconds.
    pollIntervalMs: 5000,
  });
  bindAccountsMetrics(requests, pacer);
  const expiry = createExpiry({ config: c, requests, graph, notify, pacer, logger });
  return {
    routes: portalRoutes({
      config: c,
      templates: compiled,
      store: ctx.store,
      requests,
      audit,
      statusLinks,
      mailer,
      graph,
      publicUrl: ctx.publicUrl,
      logger,
    }),
    units: [provisioner.unit(), expiry.unit()],
    checks: [ctx.services.microsoft.check(tenant)],
    console: accountsConsole({ requests, audit, imports, config: c, stats: new RequestStats(db) }),
    purges: accountsPurges({ config: c, store: ctx.store }),
    close: async () => {},
  };
}
