// Licences: GET /subscribedSkus (seats bought and used) and POST /users/{id}/assignLicense, which
// refuses a user without usageLocation, an unknown SKU, a SKU without a free seat and the removal of a
// licence the user does not hold, changing nothing when any part is refused.
// https://learn.microsoft.com/graph/api/subscribedsku-list  https://learn.microsoft.com/graph/api/user-assignlicense
import { z } from 'zod';
import { GUID_RE } from '../shared/ids.js';
import { badRequest } from '../graph/errors.js';
import { contextUrl, project } from '../graph/odata.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { accountsOf, type SkuRecord } from './accounts-state.js';
import { USER_SHAPE } from './user-properties.js';
import type { UserStore } from './user-store.js';
import { withUser } from './users.js';

export const SKUS_READ = [
  'LicenseAssignment.Read.All',
  'LicenseAssignment.ReadWrite.All',
  'Organization.Read.All',
  'Organization.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
export const LICENSE_WRITE = [
  'LicenseAssignment.ReadWrite.All',
  'User.ReadWrite.All',
  'Directory.ReadWrite.All',
];

const guid = z.string().regex(GUID_RE);
const assignBody = z.object({
  addLicenses: z.array(z.object({ skuId: guid, disabledPlans: z.array(guid).nullish() }).loose()).max(100),
  removeLicenses: z.array(guid).max(100),
});

export const MESSAGES = {
  missing: (names: string) =>
    `One or more parameters of the operation 'assignLicense' are missing from the request payload. The missing parameters are: ${names}.`,
  usageLocation: 'License assignment cannot be done for user with invalid usage location.',
  unknownSku: (skuId: string) => `License ${skuId} does not correspond to a valid company License.`,
  noSeats: (skuId: string) => `Subscription with SKU ${skuId} does not have any available licenses.`,
  notHeld: 'User does not have a corresponding license.',
};

export const licenseRoutes: GraphRoute[] = [
  { method: 'GET', pattern: /^\/subscribedSkus$/, roles: SKUS_READ, handle: listSkus },
  {
    method: 'POST',
    pattern: /^\/users\/(?<id>[^/]+)\/assignLicense$/,
    roles: LICENSE_WRITE,
    handle: (ctx, call, params) =>
      withUser(ctx, call, params, (store, user) => assign(ctx, call, store, user)),
  },
];

/** A subscription as the API shows it, with consumedUnits counted from the seats held. */
export function subscribedSku(
  ctx: EmulatorContext,
  tenantId: string,
  sku: SkuRecord,
): Record<string, unknown> {
  return {
    accountName: ctx.state.tenants.get(tenantId)?.displayName ?? tenantId,
    accountId: tenantId,
    appliesTo: sku.appliesTo,
    capabilityStatus: sku.capabilityStatus,
    consumedUnits: accountsOf(ctx.state).consumed(tenantId, sku.skuId),
    id: `${tenantId}_${sku.skuId}`,
    prepaidUnits: { ...sku.prepaidUnits },
    servicePlans: sku.servicePlans,
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    subscriptionIds: [],
  };
}

function listSkus(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  const { tenantId } = call.principal;
  const skus = [...accountsOf(ctx.state).skus.of(tenantId).values()];
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(ctx, call, 'subscribedSkus'),
      value: skus.map((s) => subscribedSku(ctx, tenantId, s)),
    },
  };
}

function assign(
  ctx: EmulatorContext,
  call: GraphCall,
  store: UserStore,
  user: Record<string, unknown> & { id: string },
): GraphResponse {
  const body = (call.body ?? {}) as Record<string, unknown>;
  const missing = ['addLicenses', 'removeLicenses'].filter((k) => !Array.isArray(body[k]));
  if (missing.length > 0) return badRequest(call, MESSAGES.missing(missing.join(', ')));
  const parsed = assignBody.safeParse(body);
  if (!parsed.success)
    return badRequest(call, "Invalid value specified for property 'addLicenses' of resource 'User'.");
  const { tenantId } = call.principal;
  const accounts = accountsOf(ctx.state);
  const skus = accounts.skus.of(tenantId);
  const seats = accounts.seats.of(tenantId);
  const held = new Set(
    ((user.assignedLicenses as Array<{ skuId: string }>) ?? []).map((l) => l.skuId.toLowerCase()),
  );
  const add = parsed.data.addLicenses.map((l) => ({
    skuId: l.skuId.toLowerCase(),
    disabledPlans: l.disabledPlans ?? [],
  }));
  const remove = parsed.data.removeLicenses.map((id) => id.toLowerCase());
  if (add.length > 0 && typeof user.usageLocation !== 'string')
    return badRequest(call, MESSAGES.usageLocation);
  for (const skuId of remove) if (!held.has(skuId)) return badRequest(call, MESSAGES.notHeld);
  for (const { skuId } of add) {
    const sku = skus.get(skuId);
    if (!sku) return badRequest(call, MESSAGES.unknownSku(skuId));
    const free = sku.prepaidUnits.enabled - accounts.consumed(tenantId, skuId);
    if (!held.has(skuId) && free <= 0) return badRequest(call, MESSAGES.noSeats(skuId));
  }
  for (const skuId of remove) seats.get(skuId)?.delete(user.id);
  for (const { skuId } of add) {
    const holders = seats.get(skuId) ?? new Set<string>();
    holders.add(user.id);
    seats.set(skuId, holders);
  }
  const removed = new Set(remove);
  const kept = ((user.assignedLicenses as Array<{ skuId: string }>) ?? []).filter(
    (l) => !removed.has(l.skuId.toLowerCase()) && !add.some((a) => a.skuId === l.skuId.toLowerCase()),
  );
  const updated = store.upsert({ ...user, assignedLicenses: [...kept, ...add] }, ctx.state.nextVersion());
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(ctx, call, 'users', undefined, true),
      ...project(updated, USER_SHAPE.defaults),
    },
  };
}
