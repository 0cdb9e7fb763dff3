// The directory user of the person behind a group request: the account graphsoc made for their
// verified address (their done account request), else a directory user whose mail is that address.
import { listUsers } from '../../../connectors/microsoft/graph/index.js';
import { odataString } from '../../../platform/http/index.js';
import type { StepContext } from '../context.js';
import { ProvisionRefusedError } from '../errors.js';

export async function personUserId(ctx: StepContext): Promise<string> {
  const { deps, r } = ctx;
  const own = (await deps.requests.byAddress(r.address)).find(
    (q) => q.kind === 'account' && q.state === 'done' && q.userId !== null && q.deletedAt === null,
  );
  if (own?.userId) return own.userId;
  const query = { filter: `mail eq ${odataString(r.address)}`, select: ['id'], top: 1 };
  for await (const page of listUsers(deps.graph, query, ctx.read)) {
    const user = page[0];
    if (user) return user.id;
  }
  throw new ProvisionRefusedError('NO_ACCOUNT', 'The address has no account in the directory to add');
}
