// Step `groups`: member $ref for each group, the template's for an account, the listed group for a
// group-join (the member then is the person's own account). "Already a member" counts as done, so a
// repeated try adds nothing twice. A 404 is a member not replicated yet (tried again later) unless the
// group itself is gone, which no retry mends: that fails the request with GROUP_MISSING at once.
import {
  addGroupMember,
  directoryRefusal,
  GraphError,
  getGroup,
} from '../../../connectors/microsoft/graph/index.js';
import { type StepContext, templateOf } from '../context.js';
import { ProvisionRefusedError } from '../errors.js';
import { personUserId } from './person.js';

export async function groupsStep(ctx: StepContext): Promise<void> {
  const { deps, r } = ctx;
  let groups: readonly string[];
  let member: string;
  if (r.kind === 'account') {
    groups = templateOf(ctx).config.groups;
    member = r.userId as string;
  } else {
    if (r.groupId === null || !deps.config.groups.joinable.includes(r.groupId))
      throw new ProvisionRefusedError('GROUP_INVALID', 'The group asked for is not a joinable group');
    groups = [r.groupId];
    member = await personUserId(ctx);
  }
  const added: string[] = [];
  for (const groupId of groups) {
    try {
      await ctx.write('addGroupMember', (o) => addGroupMember(deps.graph, groupId, member, o));
      added.push(groupId);
    } catch (e) {
      if (directoryRefusal(e)?.kind === 'already-referenced') continue;
      if (isNotFound(e) && (await groupGone(ctx, groupId)))
        throw new ProvisionRefusedError('GROUP_MISSING', `Group ${groupId} does not exist in the tenant`);
      throw e;
    }
  }
  await deps.requests.complete(
    r.id,
    r.kind,
    'groups',
    {},
    { action: 'directory.member-added', detail: { userId: member, groups: added } },
  );
}

const isNotFound = (e: unknown): boolean => e instanceof GraphError && e.status === 404;

async function groupGone(ctx: StepContext, groupId: string): Promise<boolean> {
  try {
    await getGroup(ctx.deps.graph, groupId, ctx.read);
    return false;
  } catch (e) {
    if (isNotFound(e)) return true;
    throw e;
  }
}
