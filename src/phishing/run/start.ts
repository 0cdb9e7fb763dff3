// Starts the phishing job: one lease-owned unit per report mailbox, the webhook that wakes them, the
// Archer connection, and the job's dashboard status and checks.
import type { MicrosoftTenants } from '../../connectors/microsoft/tenants/index.js';
import { KvState } from '../../platform/db/index.js';
import type { FeatureContext, RunningFeature } from '../../platform/feature/index.js';
import { KeyedLock } from '../../platform/keyed-lock.js';
import type { PhishingAppConfig } from '../config.js';
import { archerLinks, phishingConsole } from '../console/index.js';
import { AnalysisPool } from '../pipeline/analysis-pool.js';
import { MailboxHealthBoard } from '../pipeline/mailbox-health.js';
import { mailboxUnit } from '../pipeline/mailbox-unit.js';
import { processedFolders } from '../pipeline/processed-folder.js';
import { Wakeups } from '../pipeline/wakeups.js';
import { ConsoleQueries } from '../store/console-queries.js';
import { CampaignStore, ReportStore } from '../store/index.js';
import { archerCase } from './archer-case.js';
import { retentionUnits } from './retention.js';
import { phishingStatus, quarantinePanel } from './status.js';
import { subscriptionsByTenant } from './subscriptions.js';
import { webhookRoutes } from './webhook.js';

/** The shared clients the phishing job uses. */
export interface PhishingServices {
  microsoft: MicrosoftTenants;
}

export async function startPhishing(
  ctx: FeatureContext<PhishingAppConfig, PhishingServices>,
): Promise<RunningFeature> {
  const c = ctx.config.phishing;
  const logger = ctx.logger.child({ job: 'phishing' });
  const graphOf = (tenant: string) => ctx.services.microsoft.graph(tenant);
  const kv = new KvState(ctx.store.db);
  const reports = new ReportStore(ctx.store.db);
  const campaigns = new CampaignStore(ctx.store.db);
  const archer = archerCase(ctx.config.archer, c.archer);
  const subscriptionsFor = subscriptionsByTenant({
    graphOf,
    kv,
    publicUrl: ctx.publicUrl,
    webhookPath: c.webhookPath,
  });
  const wakeups = new Wakeups();
  const health = new MailboxHealthBoard(kv);
  // One per instance: every mailbox unit's case writes of one campaign go one at a time.
  const caseLock = new KeyedLock();
  // One per instance too: a few worker threads shared by every mailbox, so a hostile mail can hold one
  // of them for its time budget, never the thread that answers webhooks, the relay and the dashboard.
  const analysis = new AnalysisPool();
  const units = c.mailboxes.map((m) => {
    const graph = graphOf(m.tenant);
    return mailboxUnit({
      mailbox: m,
      kv,
      pollEveryMs: c.pollEverySec * 1000,
      subscriptions: () => subscriptionsFor(m.tenant),
      wakeups,
      ready: archer.ready,
      health,
      // Graph has answered the round's delta call by the time this is asked.
      works: async (service) =>
        service !== 'Archer' ||
        archer.client.ping().then(
          () => true,
          () => false,
        ),
      process: {
        graph,
        db: ctx.store.db,
        reports,
        sink: {
          client: archer.client,
          target: archer.target,
          mapping: c.archer,
          campaigns,
          logger: logger.child({ mailbox: m.mailbox }),
        },
        config: c,
        processedFolderId: processedFolders(() => graph),
        caseLock,
        analysis,
      },
    });
  });
  const tenants = [...new Set(c.mailboxes.map((m) => m.tenant))];
  return {
    units: [...units, ...retentionUnits(ctx.store.db, c.retention)],
    checks: [
      ...tenants.map((t) => ctx.services.microsoft.check(t)),
      { name: 'archer', check: () => archer.client.ping() },
    ],
    routes: webhookRoutes({ path: c.webhookPath, tenants, subscriptionsFor, kv, wakeups, logger }),
    status: async () => ({
      phishing: await phishingStatus({ mailboxes: c.mailboxes, reports, campaigns, health }),
    }),
    panels: async () => [await quarantinePanel(reports)],
    console: phishingConsole({
      db: ctx.store.db,
      reports,
      queries: new ConsoleQueries(ctx.store.db),
      mailboxes: c.mailboxes,
      kv,
      health,
      // The record link needs the application's id: read through the mapping's metadata cache.
      archer: archerLinks(
        ctx.config.archer.baseUrl,
        async () => (await archer.target.meta.level(archer.target)).applicationId,
      ),
    }),
    close: async () => {
      await analysis.close();
      await archer.client.close();
    },
  };
}
