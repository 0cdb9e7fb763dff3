// The mail part of the emulator handle: seed mailboxes, deliver a message (with notifications), read
// what sendMail sent and what was notified, tune throttling, and trigger lifecycle events and expiry.
import type { EmulatorContext } from '../microsoft/context.js';
import { deliver, mailboxOf } from './deliver.js';
import { type LifecycleEvent, sendLifecycle } from './notify.js';
import {
  applyMailSeed,
  type MailMessageSeed,
  mailMessageSeedSchema,
  type MailSeed,
  toNewMessage,
} from './seed.js';
import { type MailSettings, mailOf, type NotificationRecord, type SentMail } from './state.js';
import type { MailThrottleSettings } from './throttle.js';

export interface MailEmulatorApi {
  /** Adds mailboxes, folders and messages (derived from their MIME) to a tenant; no notifications. */
  seedMail(tenantId: string, seed: MailSeed): void;
  /** A new message arrives in a folder (default inbox); subscribers are notified. */
  deliverMail(tenantId: string, user: string, message: MailMessageSeed): { id: string; immutableId: string };
  /** What sendMail sent, oldest first (optionally for one tenant). */
  sentMail(tenantId?: string): SentMail[];
  /** Validation requests, notifications and lifecycle events the emulator sent, oldest first. */
  mailNotifications(): NotificationRecord[];
  /** Resolves once every notification in flight has been answered or timed out. */
  flushMailNotifications(): Promise<void>;
  setMailThrottle(settings: Partial<MailThrottleSettings>): void;
  setMailSettings(settings: Partial<MailSettings>): void;
  /** Sends a lifecycle event for a subscription; subscriptionRemoved also deletes it. */
  fireMailLifecycle(subscriptionId: string, event: LifecycleEvent): Promise<NotificationRecord | undefined>;
  /** Makes a subscription expire now (it stops notifying and disappears). */
  expireMailSubscription(subscriptionId: string): boolean;
  /** Invalidates every delta token of a mailbox so far; their next use answers 410 SyncStateNotFound. */
  expireMailDeltaTokens(tenantId: string, user: string): void;
}

export function mailHandle(ctx: EmulatorContext): MailEmulatorApi {
  const mail = () => mailOf(ctx);
  return {
    seedMail: (tenantId, seed) => applyMailSeed(ctx.state, tenantId, seed),
    deliverMail: (tenantId, user, message) => {
      const input = mailMessageSeedSchema.parse(message);
      const msg = deliver(ctx, mailboxOf(ctx, tenantId, user), input.folder, toNewMessage(input));
      return { id: msg.restId, immutableId: msg.immutableId };
    },
    sentMail: (tenantId) =>
      mail().sent.filter((s) => tenantId === undefined || s.tenantId === tenantId.toLowerCase()),
    mailNotifications: () => [...mail().notifications],
    flushMailNotifications: async () => {
      while (mail().pending.size > 0) await Promise.all([...mail().pending]);
    },
    setMailThrottle: (settings) => mail().throttle.configure(settings),
    setMailSettings: (settings) => {
      mail().settings = { ...mail().settings, ...settings };
    },
    fireMailLifecycle: async (id, event) => {
      const sub = mail().subscriptions.get(id);
      if (!sub) throw new Error(`unknown subscription: ${id}`);
      return sendLifecycle(mail(), sub, event);
    },
    expireMailSubscription: (id) => {
      const sub = mail().subscriptions.get(id);
      if (!sub) return false;
      sub.expirationDateTime = new Date(Date.now() - 1000).toISOString();
      return true;
    },
    expireMailDeltaTokens: (tenantId, user) => {
      const box = mailboxOf(ctx, tenantId, user);
      box.version += 1;
      box.deltaFloor = box.version;
    },
  };
}
