// Step `group` (group-create): the planned mailNickname is recorded on the request before POST
// /groups, with the person's user as owner (owners@odata.bind), so a try after a crash looks the
// group up by that nickname and adopts it when the person owns it. A nickname someone else's group
// holds fails the request (GROUP_NAME_TAKEN). A recorded nickname with no group found waits once for
// replication (groupSettleMs) before the group is created, since an earlier try may have made it.
import {
  createGroup,
  directoryRefusal,
  type Group,
  listGroupOwners,
  listGroups,
} from '../../../connectors/microsoft/graph/index.js';
import { odataString, safePath } from '../../../platform/http/index.js';
import { MAX_ACCOUNT_NAME, transliterate } from '../../policy/transliterate.js';
import type { StepContext } from '../context.js';
import { ProvisionDeferredError, provisionErrors, ProvisionRefusedError } from '../errors.js';
import { personUserId } from './person.js';

async function groupByNickname(ctx: StepContext, nickname: string): Promise<Group | undefined> {
  const query = { filter: `mailNickname eq ${odataString(nickname)}`, top: 1 };
  for await (const page of listGroups(ctx.deps.graph, query, ctx.read)) return page[0];
  return undefined;
}

async function ownedBy(ctx: StepContext, groupId: string, userId: string): Promise<boolean> {
  for await (const page of listGroupOwners(ctx.deps.graph, groupId, { select: ['id'] }, ctx.read))
    if (page.some((o) => o.id === userId)) return true;
  return false;
}

export async function groupStep(ctx: StepContext): Promise<void> {
  const { deps, r } = ctx;
  const name = r.groupName;
  const kind = r.groupKind;
  if (name === null || kind === null)
    throw new ProvisionRefusedError('GROUP_INVALID', 'The request names no group and kind');
  const owner = await personUserId(ctx);
  const nickname = r.groupNickname ?? transliterate(name, { separator: '-', maxLength: MAX_ACCOUNT_NAME });
  if (nickname === '')
    throw new ProvisionRefusedError('GROUP_INVALID', 'The group name gives no mailNickname');
  const existing = await groupByNickname(ctx, nickname);
  if (existing) {
    if (r.groupNickname !== null && (await ownedBy(ctx, existing.id, owner))) {
      await deps.requests.complete(
        r.id,
        r.kind,
        'group',
        { group_id: existing.id },
        { action: 'directory.group-adopted', detail: { groupId: existing.id, mailNickname: nickname } },
      );
      return;
    }
    throw new ProvisionRefusedError('GROUP_NAME_TAKEN', `Another group is named ${nickname}`);
  }
  if (r.groupNickname === null) {
    if (!(await deps.requests.record(r.id, 'group', { group_nickname: nickname }))) return;
  } else if (!(r.error ?? '').startsWith(provisionErrors.PROVISION_DEFERRED.code)) {
    throw new ProvisionDeferredError(
      `Group ${nickname} was planned by an earlier try and is not found yet; looking again before creating it`,
      ctx.groupSettleMs,
    );
  }
  const body: Record<string, unknown> = {
    displayName: name,
    mailNickname: nickname,
    ...(r.groupDescription ? { description: r.groupDescription } : {}),
    ...(kind === 'm365'
      ? { groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false }
      : { groupTypes: [], mailEnabled: false, securityEnabled: true }),
    'owners@odata.bind': [new URL(safePath`users/${owner}`, deps.graph.baseUrl).href],
  };
  let group: Group;
  try {
    group = await ctx.write('createGroup', (o) => createGroup(deps.graph, body, o));
  } catch (e) {
    if (directoryRefusal(e)?.kind === 'conflict')
      throw new ProvisionDeferredError(
        `Graph says ${nickname} is taken but does not show the group yet (replication); looking again later`,
      );
    throw e;
  }
  await deps.requests.complete(
    r.id,
    r.kind,
    'group',
    { group_id: group.id },
    { action: 'directory.group-created', detail: { groupId: group.id, mailNickname: nickname } },
  );
}
