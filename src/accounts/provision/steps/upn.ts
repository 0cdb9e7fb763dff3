// Step `upn`: the account name, chosen and recorded before anything is created.
import type { StepContext } from '../context.js';
import { chooseUpn } from './choose-upn.js';

export async function upnStep(ctx: StepContext): Promise<void> {
  const upn = await chooseUpn(ctx, 'upn');
  if (upn === undefined) return;
  await ctx.deps.requests.complete(ctx.r.id, ctx.r.kind, 'upn', {});
}
