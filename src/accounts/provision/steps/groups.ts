// Step `groups`: member $ref for each group, the template's for an account, the listed group for a
// group-join (the member then is the person's own account). "Already a member" counts as done, so a
// repeated try adds nothing twice.
import { addGroupMember, directoryRefusal } from '../../../connectors/microsoft/graph/index.js';
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
      if (directoryRefusal(e)?.kind !== 'already-referenced') throw e;
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
