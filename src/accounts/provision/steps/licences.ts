// Step `licences`: the template's SKUs (by part number) the user lacks, each checked for a free seat
// in subscribedSkus first, then one assignLicense for them all. A user that already holds a SKU
// (a repeated try) is not sent it again. No seat: the request fails as NO_SEATS until an
// administrator buys seats and retries it.
import {
  assignLicense,
  freeSeats,
  getUser,
  type SubscribedSku,
} from '../../../connectors/microsoft/graph/index.js';
import { type StepContext, templateOf } from '../context.js';
import { ProvisionRefusedError } from '../errors.js';

export async function licencesStep(ctx: StepContext): Promise<void> {
  const { deps, r } = ctx;
  const parts = templateOf(ctx).config.licences;
  const userId = r.userId as string;
  const add: string[] = [];
  if (parts.length > 0) {
    let skus = await ctx.skus.list(ctx.read);
    // A 404 here is a user created moments ago and not replicated yet: postponed like any 404.
    const user = await getUser(deps.graph, userId, { ...ctx.read, select: ['id', 'assignedLicenses'] });
    const held = new Set(
      ((user.assignedLicenses as Array<{ skuId?: unknown }> | undefined) ?? []).map((l) =>
        String(l.skuId).toLowerCase(),
      ),
    );
    const taking: SubscribedSku[] = [];
    for (const part of parts) {
      const find = () => skus.find((s) => s.skuPartNumber.toLowerCase() === part.toLowerCase());
      let sku = find();
      if (!sku || freeSeats(sku) <= 0) {
        // The cached copy may be a few seconds old: only a fresh read refuses.
        skus = await ctx.skus.fresh(ctx.read);
        sku = find();
      }
      if (!sku) throw new ProvisionRefusedError('SKU_UNKNOWN', `The tenant has no subscription ${part}`);
      if (held.has(sku.skuId.toLowerCase())) continue;
      if (freeSeats(sku) <= 0) throw new ProvisionRefusedError('NO_SEATS', `No free seat of ${part}`);
      add.push(sku.skuId);
      taking.push(sku);
    }
    if (add.length > 0) {
      try {
        await ctx.write('assignLicense', (o) =>
          assignLicense(deps.graph, userId, { add: add.map((skuId) => ({ skuId })) }, o),
        );
      } catch (e) {
        ctx.skus.drop();
        throw e;
      }
      // Counted in the copy the check read (a newer read counts them already).
      for (const sku of taking) sku.consumedUnits += 1;
    }
  }
  await deps.requests.complete(
    r.id,
    r.kind,
    'licences',
    {},
    add.length > 0 ? { action: 'directory.licence-assigned', detail: { skuIds: add } } : undefined,
  );
}
