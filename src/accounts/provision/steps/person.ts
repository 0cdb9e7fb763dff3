// The directory user of the person behind a group request: the account graphsoc made for their
// verified address (their done account request), else a directory user whose mail is that address;
// while their account request is still provisioning, the group request waits for it.
import { listUsers } from '../../../connectors/microsoft/graph/index.js';
import { odataString } from '../../../platform/http/index.js';
import type { StepContext } from '../context.js';
import { ProvisionDeferredError, ProvisionRefusedError } from '../errors.js';

export async function personUserId(ctx: StepContext): Promise<string> {
  const { deps, r } = ctx;
  const theirs = (await deps.requests.byAddress(r.address)).filter((q) => q.kind === 'account');
  const own = theirs.find((q) => q.state === 'done' && q.userId !== null && q.deletedAt === null);
  if (own?.userId) return own.userId;
  const query = { filter: `mail eq ${odataString(r.address)}`, select: ['id'], top: 1 };
  for await (const page of listUsers(deps.graph, query, ctx.read)) {
    const user = page[0];
    if (user) return user.id;
  }
  // Asked for together with an account still being made (an import of both, say): wait for it.
  if (theirs.some((q) => q.state === 'approved'))
    throw new ProvisionDeferredError("The person's account is still being provisioned");
  throw new ProvisionRefusedError('NO_ACCOUNT', 'The address has no account in the directory to add');
}
