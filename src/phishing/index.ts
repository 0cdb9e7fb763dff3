// The phishing job: report mailboxes → analysed campaigns → RSA Archer incidents. Builds one work unit
// per mailbox (owned through leases), the Graph webhook that pokes them, and the Archer connection.
import type { FastifyInstance } from 'fastify';
import {
  type ArcherClient,
  ArcherMetadata,
  archerConnection,
  createArcherClient,
  type RecordTarget,
} from '../connectors/archer/index.js';
import type { GraphClient } from '../connectors/microsoft/graph/index.js';
import type { ArcherConfig, PhishingConfig } from '../platform/config/index.js';
import { KvState, type Store } from '../platform/db/index.js';
import type { WorkUnit } from '../platform/leases/index.js';
import { KeyedLock } from '../platform/keyed-lock.js';
import type { Logger } from '../platform/log.js';
import { folderKey, type WatchedFolder } from './ingest/folders.js';
import { notificationUrlOf } from './ingest/notification-url.js';
import { MailSubscriptions } from './ingest/subscriptions.js';
import { registerMailWebhook } from './ingest/webhook.js';
import { checkMapping } from './pipeline/check-mapping.js';
import { MailboxHealthBoard } from './pipeline/mailbox-health.js';
import { mailboxUnit, pokeKey } from './pipeline/mailbox-unit.js';
import { processedFolders } from './pipeline/processed-folder.js';
import { Wakeups } from './pipeline/wakeups.js';
import { CampaignStore, ReportStore } from './store/index.js';

export interface PhishingFeatureOptions {
  config: PhishingConfig;
  archer: ArcherConfig;
  store: Store;
  /** Graph client of a `[[tenants]]` entry by name. */
  graphOf(tenant: string): GraphClient;
  /**
   * Base URL Graph can reach graphsoc at (server.publicUrl; the sandbox's listen address). Without one
   * that is https (or http on loopback, for emulators), graphsoc polls only.
   */
  publicUrl(): string | undefined;
  logger: Logger;
}

/** A report set aside after repeated failures (the dashboard lists them; features import no dashboard). */
export interface QuarantinedReport {
  id: number;
  mailbox: string;
  attempts: number;
  reason: string;
  since: string;
}

export interface PhishingFeature {
  units: WorkUnit[];
  /** For the dashboard: report counts by state, and every mailbox whose rounds fail or wait. */
  status(): Promise<{ state: 'running' | 'degraded' | 'failing'; detail: string }>;
  quarantined(limit: number): Promise<QuarantinedReport[]>;
  register(app: FastifyInstance): Promise<void>;
  close(): Promise<void>;
}

export function phishingFeature(o: PhishingFeatureOptions): PhishingFeature {
  const c = o.config;
  const kv = new KvState(o.store.db);
  const reports = new ReportStore(o.store.db);
  const campaigns = new CampaignStore(o.store.db);
  const archer: ArcherClient = createArcherClient(archerConnection(o.archer));
  const target: RecordTarget = {
    application: c.archer.application,
    ...(c.archer.level ? { level: c.archer.level } : {}),
    meta: new ArcherMetadata(archer),
  };
  // Checked once; a failure (Archer unreachable, a name that does not exist) is retried next round
  // and logged with the names Archer does have.
  let mappingChecked: Promise<void> | undefined;
  const ready = () => {
    mappingChecked ??= checkMapping(target, c.archer).catch((e) => {
      mappingChecked = undefined;
      throw e;
    });
    return mappingChecked;
  };
  // The URL can be known only once the server listens (the sandbox picks its port), so it is asked
  // for each round; a changed URL gets new subscriptions.
  const subscriptionsOf = new Map<string, MailSubscriptions>();
  const subscriptionsFor = (tenant: string) => {
    const notificationUrl = notificationUrlOf(o.publicUrl(), c.webhookPath);
    if (!notificationUrl) return undefined;
    const key = `${tenant}\n${notificationUrl}`;
    let s = subscriptionsOf.get(key);
    if (!s) {
      s = new MailSubscriptions(o.graphOf(tenant), kv, { notificationUrl });
      subscriptionsOf.set(key, s);
    }
    return s;
  };
  const wakeups = new Wakeups();
  const health = new MailboxHealthBoard(kv);
  // One per instance: every mailbox unit's case writes of one campaign go one at a time.
  const caseLock = new KeyedLock();
  const units = c.mailboxes.map((m) => {
    const graph = o.graphOf(m.tenant);
    return mailboxUnit({
      mailbox: m,
      kv,
      pollEveryMs: c.pollEverySec * 1000,
      subscriptions: () => subscriptionsFor(m.tenant),
      wakeups,
      ready,
      health,
      process: {
        graph,
        db: o.store.db,
        reports,
        sink: {
          client: archer,
          target,
          mapping: c.archer,
          campaigns,
          onRecordGone: (campaign, contentId) =>
            o.logger.warn(
              { campaign, contentId, mailbox: m.mailbox },
              'the campaign’s Archer record no longer exists; it is found by its key or created again',
            ),
        },
        config: c,
        processedFolderId: processedFolders(() => graph),
        caseLock,
      },
    });
  });

  /** The subscription's folder and the tenant whose app made it, from any tenant's records. */
  const lookup = async (subscriptionId: string) => {
    for (const tenant of new Set(c.mailboxes.map((m) => m.tenant))) {
      const subs = subscriptionsFor(tenant);
      const found = await subs?.resolve(subscriptionId);
      if (found && subs) return { ...found, subs };
    }
    return undefined;
  };
  const poke = async (f: WatchedFolder) => {
    wakeups.wake(folderKey(f));
    await kv.set(pokeKey(f), String(Date.now()));
  };

  return {
    units,
    async status() {
      const rows = await o.store.db
        .selectFrom('phishing_reports')
        .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
        .groupBy('state')
        .execute();
      const n = (s: string) => Number(rows.find((r) => r.state === s)?.n ?? 0);
      const campaigns = await o.store.db
        .selectFrom('phishing_campaigns')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      // Done without a campaign: kept out of Archer by phishing.reportKinds.
      const notFiled = await o.store.db
        .selectFrom('phishing_reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', 'done')
        .where('campaign_key', 'is', null)
        .executeTakeFirst();
      const kept = Number(notFiled?.n ?? 0);
      const problems: string[] = [];
      for (const m of c.mailboxes) {
        const h = await health.read({ mailbox: m.mailbox, folder: m.folder });
        if (h?.problem)
          problems.push(`${m.mailbox}: ${h.problem} (since ${new Date(h.since).toISOString()})`);
      }
      const counts = `${n('done') - kept} reports filed as ${Number(campaigns?.n ?? 0)} campaigns${kept > 0 ? `, ${kept} not filed by their report kind` : ''}, ${n('pending')} in progress, ${n('quarantined')} quarantined`;
      return {
        state: problems.length > 0 ? 'failing' : n('quarantined') > 0 ? 'degraded' : 'running',
        detail: [`${c.mailboxes.length} mailbox(es); ${counts}`, ...problems].join('; '),
      };
    },
    async quarantined(limit) {
      return (await reports.quarantined(limit)).map((r) => ({
        id: r.id,
        mailbox: r.mailbox,
        attempts: r.attempts,
        reason: r.last_error ?? '',
        since: new Date(r.updated_at).toISOString(),
      }));
    },
    async register(app) {
      registerMailWebhook(app, {
        path: c.webhookPath,
        resolve: lookup,
        onChange: (id) => {
          void lookup(id)
            .then((s) => s && poke(s.folder))
            .catch((err) => o.logger.error({ err }, 'mail poke failed'));
        },
        onLifecycle: (id, event) => {
          void (async () => {
            const s = await lookup(id);
            if (!s) return;
            if (event === 'reauthorizationRequired') await s.subs.renew(id);
            else if (event === 'subscriptionRemoved') await s.subs.recreate(id);
            // Missed notifications, and a new subscription, are made good by a delta round.
            await poke(s.folder);
          })().catch((err) => o.logger.error({ err, event }, 'mail lifecycle event failed'));
        },
        logger: o.logger,
      });
    },
    close: () => archer.close(),
  };
}
