// The change subscriptions of each tenant's report mailboxes, by notification URL. The URL can be
// known only once the server listens (the sandbox picks its port), so it is asked for each round; a
// changed URL gets new subscriptions.
import type { GraphClient } from '../../connectors/microsoft/graph/index.js';
import type { KvState } from '../../platform/db/index.js';
import { notificationUrlOf } from '../ingest/notification-url.js';
import { MailSubscriptions } from '../ingest/subscriptions.js';

export interface SubscriptionsOptions {
  graphOf(tenant: string): GraphClient;
  kv: KvState;
  publicUrl(): string | undefined;
  webhookPath: string;
}

/** The subscriptions of one tenant's mailboxes; undefined while graphsoc has no usable public URL. */
export type SubscriptionsFor = (tenant: string) => MailSubscriptions | undefined;

export function subscriptionsByTenant(o: SubscriptionsOptions): SubscriptionsFor {
  const known = new Map<string, MailSubscriptions>();
  return (tenant) => {
    const notificationUrl = notificationUrlOf(o.publicUrl(), o.webhookPath);
    if (!notificationUrl) return undefined;
    const key = `${tenant}\n${notificationUrl}`;
    let s = known.get(key);
    if (!s) {
      s = new MailSubscriptions(o.graphOf(tenant), o.kv, { notificationUrl });
      known.set(key, s);
    }
    return s;
  };
}
