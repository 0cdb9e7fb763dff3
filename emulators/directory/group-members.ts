// A group's members: list them (as directoryObjects, paged like /users), add one by reference and
// remove one. https://learn.microsoft.com/graph/api/group-list-members
// https://learn.microsoft.com/graph/api/group-post-members  https://learn.microsoft.com/graph/api/group-delete-members
import { badRequest, notFound } from '../graph/errors.js';
import { listEntities } from '../graph/paging.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import type { EmulatorContext } from '../microsoft/context.js';
import type { GroupStore } from './group-store.js';
import { GROUPS_READ } from './groups.js';
import { USER_SHAPE } from './user-properties.js';

export const MEMBERS_WRITE = ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'];

const DEFAULT_PAGE = 100;
const GROUP = '^/groups/(?<id>[^/]+)/members';
/** The object an @odata.id names: the last segment after /directoryObjects/ or /users/. */
const REFERENCE = /\/(?:directoryObjects|users)\/([^/?#]+)$/i;

type Handler = (
  ctx: EmulatorContext,
  call: GraphCall,
  store: GroupStore,
  groupId: string,
  params: Record<string, string>,
) => GraphResponse;

/** A route under /groups/{id}/members; an unknown group answers 404 before the handler runs. */
function memberRoute(method: string, path: string, roles: string[], handle: Handler): GraphRoute {
  return {
    method,
    pattern: new RegExp(`${GROUP}${path}$`),
    roles,
    handle: (ctx, call, params) => {
      const store = ctx.state.groupsOf(call.principal.tenantId);
      const group = store.get(params.id ?? '');
      return group ? handle(ctx, call, store, group.id, params) : notFound(call, params.id ?? '');
    },
  };
}

export const groupMemberRoutes: GraphRoute[] = [
  memberRoute('GET', '', GROUPS_READ, listMembers),
  memberRoute('POST', '/\\$ref', MEMBERS_WRITE, addMember),
  memberRoute('DELETE', '/(?<member>[^/]+)/\\$ref', MEMBERS_WRITE, (ctx, call, store, groupId, params) => {
    const ref = params.member ?? '';
    const user = ctx.state.usersOf(call.principal.tenantId).get(ref);
    if (!user || !store.removeMember(groupId, user.id)) return notFound(call, ref);
    return { status: 204 };
  }),
];

function listMembers(
  ctx: EmulatorContext,
  call: GraphCall,
  store: GroupStore,
  groupId: string,
): GraphResponse {
  const opts = {
    ...USER_SHAPE,
    entitySet: 'directoryObjects',
    defaultPage: DEFAULT_PAGE,
    path: `groups/${groupId}/members`,
    context: `${ctx.urls.graph}/${call.version}/$metadata#directoryObjects`,
    itemType: '#microsoft.graph.user',
  };
  return listEntities(ctx, call, opts, () => {
    const users = ctx.state.usersOf(call.principal.tenantId);
    const ids = store.membersOf(groupId);
    return { size: ids.length, at: (i) => users.get(ids[i] ?? '') };
  });
}

function addMember(ctx: EmulatorContext, call: GraphCall, store: GroupStore, groupId: string): GraphResponse {
  const body = call.body as Record<string, unknown> | null;
  const ref = typeof body === 'object' && body !== null ? body['@odata.id'] : undefined;
  const m = typeof ref === 'string' ? REFERENCE.exec(ref) : null;
  if (!m) {
    return badRequest(
      call,
      'The request body must name the member as {"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}.',
    );
  }
  const userId = decodeURIComponent(m[1] ?? '');
  const user = ctx.state.usersOf(call.principal.tenantId).get(userId);
  if (!user) return notFound(call, userId);
  if (!store.addMember(groupId, user.id)) {
    return badRequest(
      call,
      "One or more added object references already exist for the following modified properties: 'members'.",
    );
  }
  return { status: 204 };
}
