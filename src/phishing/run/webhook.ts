// The phishing job's webhook: Graph's change notifications and lifecycle events for the report
// mailboxes' subscriptions, turned into wake-ups of the mailbox that changed (here, or through the
// database for the instance that owns it).
import type { FastifyInstance } from 'fastify';
import type { KvState } from '../../platform/db/index.js';
import type { Logger } from '../../platform/log.js';
import { folderKey, type WatchedFolder } from '../ingest/folders.js';
import { registerMailWebhook } from '../ingest/webhook.js';
import { pokeKey } from '../pipeline/mailbox-unit.js';
import type { Wakeups } from '../pipeline/wakeups.js';
import type { SubscriptionsFor } from './subscriptions.js';

export interface WebhookOptions {
  path: string;
  tenants: readonly string[];
  subscriptionsFor: SubscriptionsFor;
  kv: KvState;
  wakeups: Wakeups;
  logger: Logger;
}

export function webhookRoutes(o: WebhookOptions): (app: FastifyInstance) => Promise<void> {
  /** The subscription's folder and the tenant whose app made it, from any tenant's records. */
  const lookup = async (subscriptionId: string) => {
    for (const tenant of o.tenants) {
      const subs = o.subscriptionsFor(tenant);
      const found = await subs?.resolve(subscriptionId);
      if (found && subs) return { ...found, subs };
    }
    return undefined;
  };
  const poke = async (f: WatchedFolder) => {
    o.wakeups.wake(folderKey(f));
    await o.kv.set(pokeKey(f), String(Date.now()));
  };
  return async (app) => {
    registerMailWebhook(app, {
      path: o.path,
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
  };
}
