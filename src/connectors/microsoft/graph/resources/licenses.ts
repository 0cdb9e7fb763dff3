// Licences: the tenant's subscriptions with their seats, and assigning or removing a SKU for a user.
// https://learn.microsoft.com/graph/api/resources/subscribedsku
import { z } from 'zod';
import { safePath } from '../../../../platform/http/index.js';
import type { GraphClient } from '../client.js';
import type { GraphCallOptions } from '../types.js';
import { listPages } from './directory-objects.js';

export const subscribedSkuSchema = z.looseObject({
  skuId: z.string(),
  skuPartNumber: z.string(),
  capabilityStatus: z.string().nullish(),
  consumedUnits: z.number().int().nonnegative().catch(0),
  prepaidUnits: z
    .looseObject({ enabled: z.number().int().nonnegative().catch(0) })
    .nullish()
    .transform((p) => p ?? { enabled: 0 }),
});
export type SubscribedSku = z.output<typeof subscribedSkuSchema>;

/** Seats still free: enabled prepaid units less those consumed, never below zero. */
export function freeSeats(sku: SubscribedSku): number {
  return Math.max(0, sku.prepaidUnits.enabled - sku.consumedUnits);
}

/** Every SKU the tenant subscribes to (one page in practice; read whole). @link https://learn.microsoft.com/graph/api/subscribedsku-list */
export async function listSubscribedSkus(
  graph: GraphClient,
  o: GraphCallOptions = {},
): Promise<SubscribedSku[]> {
  const all: SubscribedSku[] = [];
  for await (const page of listPages(graph, '/subscribedSkus', subscribedSkuSchema, {}, o)) all.push(...page);
  return all;
}

/**
 * Adds and removes SKUs for one user; both lists are sent, as Graph requires. Graph refuses a user
 * without usageLocation and a SKU without a free seat with 400 (see directory-conflicts.ts).
 * @link https://learn.microsoft.com/graph/api/user-assignlicense
 */
export async function assignLicense(
  graph: GraphClient,
  userId: string,
  change: {
    add?: ReadonlyArray<{ skuId: string; disabledPlans?: readonly string[] }>;
    remove?: readonly string[];
  },
  o?: GraphCallOptions,
): Promise<void> {
  await graph.raw({
    ...o,
    method: 'POST',
    url: safePath`/users/${userId}/assignLicense`,
    json: {
      addLicenses: (change.add ?? []).map((l) => ({
        skuId: l.skuId,
        disabledPlans: [...(l.disabledPlans ?? [])],
      })),
      removeLicenses: [...(change.remove ?? [])],
    },
  });
}
