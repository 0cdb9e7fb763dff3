// Change-notification subscriptions: read, create, renew (a new expirationDateTime), delete, and the
// `resource` string that names a mail folder's messages.
// https://learn.microsoft.com/graph/api/resources/subscription
import { parseJson, responseTarget, safePath } from '../../../../platform/http/index.js';
import type { GraphClient } from '../client.js';
import { subscriptionSchema } from '../schemas.js';
import type { GraphCallOptions, Subscription } from '../types.js';

const subscriptionPath = (id: string) => safePath`/subscriptions/${id}`;

/** What a new subscription asks for; `resource` is a string in the body, not a URL. */
export interface NewSubscription {
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl?: string;
  resource: string;
  expirationDateTime: string;
  clientState?: string;
}

/**
 * A folder's messages as a subscription's `resource`, written as Graph's documentation writes it
 * (`users/{id}/mailFolders('{id}')/messages`, quotes in the folder doubled).
 */
export function mailSubscriptionResource(mailbox: string, folder: string): string {
  return `users/${mailbox}/mailFolders('${folder.replace(/'/g, "''")}')/messages`;
}

/** A 404 means Graph no longer has it. @link https://learn.microsoft.com/graph/api/subscription-get */
export async function getSubscription(
  graph: GraphClient,
  id: string,
  o?: GraphCallOptions,
): Promise<Subscription> {
  return graph.get(subscriptionPath(id), subscriptionSchema, o);
}

/** @link https://learn.microsoft.com/graph/api/subscription-post-subscriptions */
export async function createSubscription(
  graph: GraphClient,
  subscription: NewSubscription,
  o?: GraphCallOptions,
): Promise<Subscription> {
  return graph.post('/subscriptions', subscription, subscriptionSchema, o);
}

/** Extends a subscription to `expiresAt`. @link https://learn.microsoft.com/graph/api/subscription-update */
export async function renewSubscription(
  graph: GraphClient,
  id: string,
  expiresAt: Date,
  o?: GraphCallOptions,
): Promise<Subscription> {
  const res = await graph.patch(subscriptionPath(id), { expirationDateTime: expiresAt.toISOString() }, o);
  return parseJson(res, subscriptionSchema, responseTarget('graph', 'PATCH', res));
}

/** @link https://learn.microsoft.com/graph/api/subscription-delete */
export async function deleteSubscription(
  graph: GraphClient,
  id: string,
  o?: GraphCallOptions,
): Promise<void> {
  await graph.delete(subscriptionPath(id), o);
}
