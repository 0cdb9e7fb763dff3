// A group's members and owners: list them (as directoryObjects, paged like /users), add one by reference
// and remove one. Groups and users not yet replicated answer 404 here as they do on GET.
// https://learn.microsoft.com/graph/api/group-list-members  https://learn.microsoft.com/graph/api/group-post-members
// https://learn.microsoft.com/graph/api/group-delete-members  https://learn.microsoft.com/graph/api/group-list-owners
// https://learn.microsoft.com/graph/api/group-post-owners  https://learn.microsoft.com/graph/api/group-delete-owners
import { badRequest, notFound } from '../graph/errors.js';
import { isResponse } from '../graph/odata.js';
import { listEntities } from '../graph/paging.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import type { EmulatorContext } from '../microsoft/context.js';
import type { GroupRelation, GroupStore } from './group-store.js';
import { GROUPS_READ } from './groups.js';
import { referencedUser } from './references.js';
import { readGroup, readUser } from './replicas.js';
import { USER_SHAPE } from './user-properties.js';

export const MEMBERS_WRITE = ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'];
export const OWNERS_WRITE = ['Group.ReadWrite.All', 'Directory.ReadWrite.All'];

const DEFAULT_PAGE = 100;

type Handler = (
  ctx: EmulatorContext,
  call: GraphCall,
  store: GroupStore,
  groupId: string,
  params: Record<string, string>,
) => GraphResponse;

/** A route under /groups/{id}/{relation}; an unknown group answers 404 before the handler runs. */
function relationRoute(
  relation: GroupRelation,
  method: string,
  path: string,
  roles: string[],
  handle: Handler,
): GraphRoute {
  return {
    method,
    pattern: new RegExp(`^/groups/(?<id>[^/]+)/${relation}${path}$`),
    roles,
    handle: (ctx, call, params) => {
      const group = readGroup(ctx, call.principal.tenantId, params.id ?? '');
      const store = ctx.state.groupsOf(call.principal.tenantId);
      return group ? handle(ctx, call, store, group.id, params) : notFound(call, params.id ?? '');
    },
  };
}

function routesOf(relation: GroupRelation, writeRoles: string[]): GraphRoute[] {
  return [
    relationRoute(relation, 'GET', '', GROUPS_READ, (ctx, call, store, groupId) =>
      listRelated(ctx, call, store, groupId, relation),
    ),
    relationRoute(relation, 'POST', '/\\$ref', writeRoles, (ctx, call, store, groupId) =>
      addReference(ctx, call, store, groupId, relation),
    ),
    relationRoute(
      relation,
      'DELETE',
      '/(?<member>[^/]+)/\\$ref',
      writeRoles,
      (ctx, call, store, groupId, params) => {
        const ref = params.member ?? '';
        const user = readUser(ctx, call.principal.tenantId, ref);
        if (!user || !store.unrelate(relation, groupId, user.id)) return notFound(call, ref);
        return { status: 204 };
      },
    ),
  ];
}

export const groupMemberRoutes: GraphRoute[] = [
  ...routesOf('members', MEMBERS_WRITE),
  ...routesOf('owners', OWNERS_WRITE),
];

function listRelated(
  ctx: EmulatorContext,
  call: GraphCall,
  store: GroupStore,
  groupId: string,
  relation: GroupRelation,
): GraphResponse {
  const opts = {
    ...USER_SHAPE,
    entitySet: 'directoryObjects',
    defaultPage: DEFAULT_PAGE,
    path: `groups/${groupId}/${relation}`,
    context: `${ctx.urls.graph}/${call.version}/$metadata#directoryObjects`,
    itemType: '#microsoft.graph.user',
  };
  return listEntities(ctx, call, opts, () => {
    const users = ctx.state.usersOf(call.principal.tenantId);
    const ids = store.related(relation, groupId);
    return { size: ids.length, at: (i) => users.get(ids[i] ?? '') };
  });
}

function addReference(
  ctx: EmulatorContext,
  call: GraphCall,
  store: GroupStore,
  groupId: string,
  relation: GroupRelation,
): GraphResponse {
  const body = call.body as Record<string, unknown> | null;
  const user = referencedUser(
    ctx,
    call,
    typeof body === 'object' && body !== null ? body['@odata.id'] : undefined,
  );
  if (isResponse(user)) return user;
  if (!store.relate(relation, groupId, user.id)) {
    return badRequest(
      call,
      `One or more added object references already exist for the following modified properties: '${relation}'.`,
    );
  }
  return { status: 204 };
}
