// Graph's change notifications for the report mailboxes. A notification only says "something changed
// in this folder": the delta round that follows is the source of truth, so a lost, repeated or forged
// notification can at worst cause an extra round, never a lost or doubled report.
// - Validation: Graph POSTs `?validationToken=…` when a subscription is created and expects the token
//   back as text/plain within 10 seconds.
// - Notifications: answered 202 at once; an item counts only when its clientState matches the one
//   graphsoc gave that subscription (compared in constant time).
// - Lifecycle events: reauthorizationRequired (renew), missed (run a delta round), subscriptionRemoved
//   (create it again).
// https://learn.microsoft.com/graph/change-notifications-delivery-webhooks
// https://learn.microsoft.com/graph/change-notifications-lifecycle-events
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Logger } from '../../platform/log.js';

export const LIFECYCLE_EVENTS = ['reauthorizationRequired', 'missed', 'subscriptionRemoved'] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

/** What the receiver needs to know about a subscription id it is sent. */
export interface KnownSubscription {
  clientState: string;
}

export interface MailWebhookOptions {
  /** Path of the notification and lifecycle URLs, e.g. /webhooks/graph/mail. */
  path: string;
  /** The subscription's expected clientState, or undefined for an id graphsoc did not create. */
  resolve(subscriptionId: string): Promise<KnownSubscription | undefined>;
  /** A watched folder changed: a delta round for it should run soon. */
  onChange(subscriptionId: string): void;
  onLifecycle(subscriptionId: string, event: LifecycleEvent): void;
  logger: Logger;
}

/** Graph's tokens are short opaque strings; anything longer is not a validation request. */
const MAX_TOKEN_CHARS = 1024;

const itemSchema = z.looseObject({
  subscriptionId: z.string().min(1).max(128),
  clientState: z.string().max(255).nullish(),
  changeType: z.string().max(64).nullish(),
  lifecycleEvent: z.string().max(64).nullish(),
});
const bodySchema = z.looseObject({ value: z.array(z.unknown()).max(1000) });

export function registerMailWebhook(app: FastifyInstance, o: MailWebhookOptions): void {
  app.register(async (scope) => {
    // Validation requests come as text/plain (often empty); notifications as JSON.
    scope.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.post(o.path, async (req, reply) => {
      const token = (req.query as Record<string, unknown>).validationToken;
      if (typeof token === 'string') {
        if (token.length === 0 || token.length > MAX_TOKEN_CHARS) return reply.code(400).send();
        return reply
          .code(200)
          .header('content-type', 'text/plain; charset=utf-8')
          .header('x-content-type-options', 'nosniff')
          .send(token);
      }
      const body = bodySchema.safeParse(req.body);
      if (!body.success) return reply.code(400).send();
      // Graph wants an answer within seconds; the checks and the work happen after it.
      void reply.code(202).send();
      await handleItems(body.data.value, o);
      return reply;
    });
  });
}

async function handleItems(items: readonly unknown[], o: MailWebhookOptions): Promise<void> {
  for (const raw of items) {
    const item = itemSchema.safeParse(raw);
    if (!item.success) {
      o.logger.warn('mail notification ignored: unexpected shape');
      continue;
    }
    const n = item.data;
    let known: KnownSubscription | undefined;
    try {
      known = await o.resolve(n.subscriptionId);
    } catch (err) {
      o.logger.error(
        { err, subscriptionId: n.subscriptionId },
        'mail notification: subscription lookup failed',
      );
      continue;
    }
    if (!known || !sameSecret(n.clientState ?? '', known.clientState)) {
      o.logger.warn(
        { subscriptionId: n.subscriptionId },
        'mail notification ignored: unknown subscription or wrong clientState',
      );
      continue;
    }
    if (n.lifecycleEvent) {
      if ((LIFECYCLE_EVENTS as readonly string[]).includes(n.lifecycleEvent))
        o.onLifecycle(n.subscriptionId, n.lifecycleEvent as LifecycleEvent);
      else o.logger.info({ event: n.lifecycleEvent }, 'mail lifecycle event not handled');
      continue;
    }
    o.onChange(n.subscriptionId);
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
