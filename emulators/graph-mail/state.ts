// Per-emulator mail state: mailboxes per tenant and user, what sendMail sent, subscriptions, the
// notification log and Outlook throttling. Held beside the directory state, keyed by the emulator context.
import { getOrCreate } from '../shared/per-key.js';
import type { EmulatorContext } from '../microsoft/context.js';
import type { DirectoryState } from '../directory/state.js';
import { Mailbox } from './store.js';
import { MailThrottle } from './throttle.js';

export interface SentMail {
  tenantId: string;
  userId: string;
  from: string;
  /** The `message` object of the sendMail body, as the client sent it. */
  message: Record<string, unknown>;
  saveToSentItems: boolean;
  /** The RFC 822 text the emulator built from it. */
  mime: string;
  sentDateTime: string;
}

export interface MailSubscription {
  id: string;
  tenantId: string;
  appId: string;
  resource: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl?: string;
  clientState?: string;
  expirationDateTime: string;
  userId: string;
  /** Folder watched; undefined = every message of the mailbox. */
  folderId?: string;
  /** Created with Prefer: IdType="ImmutableId", so notifications carry immutable ids. */
  immutableIds: boolean;
  applicationId: string;
  creatorId: string;
  latestSupportedTlsVersion: string;
  notificationUrlAppId: string | null;
}

export interface NotificationRecord {
  time: string;
  kind: 'validation' | 'notification' | 'lifecycle';
  subscriptionId?: string;
  url: string;
  /** HTTP status the receiver answered; 0 when it did not answer. */
  status: number;
  body?: unknown;
  error?: string;
}

export interface MailSettings {
  /** How long the receiver has to echo a validation token (Graph: 10 s). */
  validationTimeoutMs: number;
  /** How long a notification POST may take before it counts as failed (Graph: 3 s). */
  notificationTimeoutMs: number;
  /** Longest subscription lifetime for messages, in minutes. */
  maxSubscriptionMinutes: number;
}

export const DEFAULT_MAIL_SETTINGS: MailSettings = {
  validationTimeoutMs: 10_000,
  notificationTimeoutMs: 3_000,
  maxSubscriptionMinutes: 10_070,
};

export class MailState {
  private readonly boxes = new Map<string, Mailbox>();
  readonly sent: SentMail[] = [];
  readonly subscriptions = new Map<string, MailSubscription>();
  readonly notifications: NotificationRecord[] = [];
  readonly throttle = new MailThrottle();
  settings: MailSettings = { ...DEFAULT_MAIL_SETTINGS };
  /** Notification deliveries still running, so tests and close() can wait for them. */
  readonly pending = new Set<Promise<void>>();

  /** The mailbox of a directory user (by id or UPN); made on first use, as every licensed user has one. */
  mailbox(directory: DirectoryState, tenantId: string, userRef: string): Mailbox | undefined {
    const user = directory.usersOf(tenantId).get(userRef);
    if (!user) return undefined;
    const key = `${tenantId}/${user.id}`;
    let box = this.boxes.get(key);
    if (!box) {
      const upn = typeof user.userPrincipalName === 'string' ? user.userPrincipalName : user.id;
      const address = typeof user.mail === 'string' && user.mail ? user.mail : upn;
      const name = typeof user.displayName === 'string' ? user.displayName : address;
      box = new Mailbox(tenantId, user.id, address, name);
      this.boxes.set(key, box);
    }
    return box;
  }

  /** The mailbox whose address (mail or UPN) is this, among mailboxes already in use. */
  mailboxByAddress(tenantId: string, address: string): Mailbox | undefined {
    const lower = address.toLowerCase();
    for (const box of this.boxes.values())
      if (box.tenantId === tenantId && box.address.toLowerCase() === lower) return box;
    return undefined;
  }

  track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  clear(): void {
    this.boxes.clear();
    this.sent.length = 0;
    this.subscriptions.clear();
    this.notifications.length = 0;
    this.throttle.reset();
    this.settings = { ...DEFAULT_MAIL_SETTINGS };
  }
}

// Keyed by the directory so seed loading, which sees only the directory state, reaches the same mail.
const states = new WeakMap<DirectoryState, MailState>();

export function mailOf(ctx: EmulatorContext): MailState {
  return mailOfDirectory(ctx.state);
}

export function mailOfDirectory(directory: DirectoryState): MailState {
  return getOrCreate(states, directory, () => new MailState());
}
