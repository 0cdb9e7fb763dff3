// Change-notification subscriptions on the report folders: created with a clientState graphsoc can
// check, renewed well before they expire, renewed on reauthorizationRequired, created again when Graph
// removed them. State lives in kv_state, so any instance can answer a notification or take over.
// https://learn.microsoft.com/graph/api/subscription-post-subscriptions
// https://learn.microsoft.com/graph/api/resources/subscription (maximum lifetime for messages: 10,080 minutes)
import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  createSubscription,
  deleteSubscription,
  GraphError,
  type GraphClient,
  getSubscription,
  mailSubscriptionResource,
  renewSubscription,
} from '../../connectors/microsoft/graph/index.js';
import type { KvState } from '../../platform/db/index.js';
import { folderKey, type WatchedFolder } from './folders.js';

const stateSchema = z.object({
  id: z.string(),
  expiresAt: z.number(),
  folder: z.object({ mailbox: z.string(), folder: z.string() }),
  /** Where it notifies; absent in state written before this was kept. */
  url: z.string().optional(),
});
export type SubscriptionState = z.infer<typeof stateSchema>;

export interface SubscriptionOptions {
  /** graphsoc's public webhook URL (https in production; Graph refuses plain http). */
  notificationUrl: string;
  /** Asked for at creation; three days keeps well inside the 7-day maximum for messages. */
  lifetimeMs?: number;
  /** Renewed when less than this is left. */
  renewBeforeMs?: number;
  now?: () => number;
}

const SECRET_KEY = 'phishing:webhook-secret';
const byFolder = (f: WatchedFolder) => `phishing:sub:${folderKey(f)}`;
const byId = (id: string) => `phishing:sub-id:${id}`;

/** The stored subscription of a folder, for display; undefined when none is kept or it does not read. */
export async function storedSubscription(
  kv: KvState,
  f: WatchedFolder,
): Promise<SubscriptionState | undefined> {
  const raw = await kv.get(byFolder(f));
  if (!raw) return undefined;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export class MailSubscriptions {
  readonly #graph: GraphClient;
  readonly #kv: KvState;
  readonly #o: Required<Omit<SubscriptionOptions, 'now'>>;
  readonly #now: () => number;
  #secret: Promise<string> | undefined;

  constructor(graph: GraphClient, kv: KvState, o: SubscriptionOptions) {
    this.#graph = graph;
    this.#kv = kv;
    this.#o = {
      notificationUrl: o.notificationUrl,
      lifetimeMs: o.lifetimeMs ?? 3 * 86_400_000,
      renewBeforeMs: o.renewBeforeMs ?? 86_400_000,
    };
    this.#now = o.now ?? Date.now;
  }

  /**
   * The subscription of a folder, created or renewed when it has none or it expires soon. With
   * `verify`, Graph is asked whether it still has the stored one: a subscription can end without a
   * lifecycle notification reaching graphsoc (it expired while graphsoc was down, an administrator
   * deleted it, a restored database), and until it is made again mail is only polled.
   */
  async ensure(f: WatchedFolder, opts: { verify?: boolean } = {}): Promise<SubscriptionState> {
    const current = await this.#stateOf(byFolder(f));
    if (!current) return this.#create(f);
    if (current.url !== undefined && current.url !== this.#o.notificationUrl) return this.#move(current);
    if (opts.verify && !(await this.#exists(current.id))) return this.recreate(current.id);
    if (current.expiresAt - this.#now() > this.#o.renewBeforeMs) return current;
    return this.renew(current.id);
  }

  async #exists(subscriptionId: string): Promise<boolean> {
    try {
      await getSubscription(this.#graph, subscriptionId);
      return true;
    } catch (e) {
      if (e instanceof GraphError && e.status === 404) return false;
      throw e;
    }
  }

  /** Extends a subscription; one Graph no longer knows is created again. */
  async renew(subscriptionId: string): Promise<SubscriptionState> {
    const current = await this.#stateOf(byId(subscriptionId));
    if (!current) throw new Error(`unknown subscription ${subscriptionId}`);
    try {
      const expiresAt = new Date(this.#now() + this.#o.lifetimeMs);
      const body = await renewSubscription(this.#graph, subscriptionId, expiresAt);
      return this.#save({
        id: body.id,
        expiresAt: Date.parse(body.expirationDateTime),
        folder: current.folder,
        url: this.#o.notificationUrl,
      });
    } catch (e) {
      if (e instanceof GraphError && e.status === 404) return this.recreate(subscriptionId);
      throw e;
    }
  }

  /** After subscriptionRemoved (or a 404 on renewal): forget the old one, create a new one. */
  async recreate(subscriptionId: string): Promise<SubscriptionState> {
    const current = await this.#stateOf(byId(subscriptionId));
    if (!current) throw new Error(`unknown subscription ${subscriptionId}`);
    await this.#kv.delete(byId(subscriptionId));
    await this.#kv.delete(byFolder(current.folder));
    return this.#create(current.folder);
  }

  /** For the webhook: the clientState a subscription must carry, and its folder. */
  async resolve(subscriptionId: string): Promise<{ clientState: string; folder: WatchedFolder } | undefined> {
    const s = await this.#stateOf(byId(subscriptionId));
    if (!s) return undefined;
    return { clientState: await this.#clientState(s.folder), folder: s.folder };
  }

  async #create(f: WatchedFolder): Promise<SubscriptionState> {
    const body = await createSubscription(this.#graph, {
      changeType: 'created',
      notificationUrl: this.#o.notificationUrl,
      lifecycleNotificationUrl: this.#o.notificationUrl,
      resource: mailSubscriptionResource(f.mailbox, f.folder),
      expirationDateTime: new Date(this.#now() + this.#o.lifetimeMs).toISOString(),
      clientState: await this.#clientState(f),
    });
    return this.#save({
      id: body.id,
      expiresAt: Date.parse(body.expirationDateTime),
      folder: f,
      url: this.#o.notificationUrl,
    });
  }

  /**
   * graphsoc's public URL changed: the old subscription would notify an address nobody answers (and
   * Graph would end it after failed deliveries), so it is deleted and one for the new URL is made.
   */
  async #move(old: SubscriptionState): Promise<SubscriptionState> {
    try {
      await deleteSubscription(this.#graph, old.id);
    } catch (e) {
      if (!(e instanceof GraphError && e.status === 404)) throw e;
    }
    await this.#kv.delete(byId(old.id));
    await this.#kv.delete(byFolder(old.folder));
    return this.#create(old.folder);
  }

  async #save(s: SubscriptionState): Promise<SubscriptionState> {
    const json = JSON.stringify(s);
    await this.#kv.set(byId(s.id), json);
    await this.#kv.set(byFolder(s.folder), json);
    return s;
  }

  async #stateOf(key: string): Promise<SubscriptionState | undefined> {
    const raw = await this.#kv.get(key);
    if (!raw) return undefined;
    const parsed = stateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }

  /**
   * Per folder, from one random secret all instances share through the database: a notification is
   * genuine only if it carries the value graphsoc gave that subscription.
   */
  async #clientState(f: WatchedFolder): Promise<string> {
    this.#secret ??= this.#kv.setIfAbsent(SECRET_KEY, randomBytes(32).toString('base64url'));
    return createHmac('sha256', await this.#secret)
      .update(folderKey(f))
      .digest('base64url');
  }
}
