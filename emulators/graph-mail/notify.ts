// Outgoing webhook calls of the mail emulator: the validation handshake on subscription create, change
// notifications for messages, and lifecycle events. Every call is recorded in the notification log.
// https://learn.microsoft.com/graph/change-notifications-delivery-webhooks
// https://learn.microsoft.com/graph/change-notifications-lifecycle-events
import { newGuid } from '../shared/ids.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { type MailState, type MailSubscription, mailOf, type NotificationRecord } from './state.js';
import type { Mailbox, MailMessage } from './store.js';

export type ValidationOutcome = 'ok' | 'timeout' | 'failed' | 'mismatch';
export type LifecycleEvent = 'reauthorizationRequired' | 'missed' | 'subscriptionRemoved';

/** Sends `?validationToken=…` and checks the receiver echoes it as text/plain with 200 in time. */
export async function validateEndpoint(mail: MailState, url: string): Promise<ValidationOutcome> {
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${newGuid()}`;
  const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
  const record: NotificationRecord = { time: new Date().toISOString(), kind: 'validation', url, status: 0 };
  mail.notifications.push(record);
  try {
    const res = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(mail.settings.validationTimeoutMs),
    });
    record.status = res.status;
    const text = await res.text();
    if (res.status !== 200) return 'failed';
    const type = res.headers.get('content-type') ?? '';
    if (text !== token || !type.toLowerCase().startsWith('text/plain')) return 'mismatch';
    return 'ok';
  } catch (error) {
    record.error = (error as Error).message;
    return (error as Error).name === 'TimeoutError' ? 'timeout' : 'failed';
  }
}

/** Tells every live subscription watching this message's folder (or mailbox) about a change. */
export function notifyChange(
  ctx: EmulatorContext,
  box: Mailbox,
  msg: MailMessage,
  changeType: 'created' | 'updated' | 'deleted',
): void {
  const mail = mailOf(ctx);
  const now = Date.now();
  for (const sub of mail.subscriptions.values()) {
    if (sub.tenantId !== box.tenantId || sub.userId !== box.userId) continue;
    if (sub.folderId !== undefined && sub.folderId !== msg.folderId) continue;
    if (!sub.changeType.split(',').includes(changeType)) continue;
    if (Date.parse(sub.expirationDateTime) <= now) continue;
    const id = sub.immutableIds ? msg.immutableId : msg.restId;
    const resource = `Users/${box.userId}/Messages/${id}`;
    const body = {
      value: [
        {
          subscriptionId: sub.id,
          subscriptionExpirationDateTime: sub.expirationDateTime,
          changeType,
          resource,
          resourceData: {
            '@odata.type': '#Microsoft.Graph.Message',
            '@odata.id': resource,
            '@odata.etag': `W/"${msg.changeKey}"`,
            id,
          },
          clientState: sub.clientState ?? null,
          tenantId: sub.tenantId,
        },
      ],
    };
    mail.track(post(mail, 'notification', sub, sub.notificationUrl, body).then(() => undefined));
  }
}

/** Sends a lifecycle event to the subscription's lifecycleNotificationUrl; subscriptionRemoved ends it. */
export async function sendLifecycle(
  mail: MailState,
  sub: MailSubscription,
  event: LifecycleEvent,
): Promise<NotificationRecord | undefined> {
  if (event === 'subscriptionRemoved') mail.subscriptions.delete(sub.id);
  if (!sub.lifecycleNotificationUrl) return undefined;
  const body = {
    value: [
      {
        subscriptionId: sub.id,
        subscriptionExpirationDateTime: sub.expirationDateTime,
        tenantId: sub.tenantId,
        clientState: sub.clientState ?? null,
        lifecycleEvent: event,
      },
    ],
  };
  return post(mail, 'lifecycle', sub, sub.lifecycleNotificationUrl, body);
}

async function post(
  mail: MailState,
  kind: 'notification' | 'lifecycle',
  sub: MailSubscription,
  url: string,
  body: unknown,
): Promise<NotificationRecord> {
  const record: NotificationRecord = {
    time: new Date().toISOString(),
    kind,
    subscriptionId: sub.id,
    url,
    status: 0,
    body,
  };
  mail.notifications.push(record);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(mail.settings.notificationTimeoutMs),
    });
    record.status = res.status;
    await res.arrayBuffer();
  } catch (error) {
    record.error = (error as Error).message;
  }
  return record;
}
