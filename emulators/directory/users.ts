// /users: list with paging, get by id or UPN, create, update, delete.
// https://learn.microsoft.com/graph/api/user-list  https://learn.microsoft.com/graph/api/user-get
import { newGuid } from '../shared/ids.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { badRequest, notFound } from '../graph/errors.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import { createdResponse, entityRoute, isResponse, objectBody } from '../graph/odata.js';
import { listEntities } from '../graph/paging.js';
import { USER_SHAPE } from './user-properties.js';
import type { GraphUser, UserStore } from './user-store.js';

export const USERS_READ = [
  'User.Read.All',
  'User.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
export const USERS_WRITE = ['User.ReadWrite.All', 'Directory.ReadWrite.All'];
const DEFAULT_PAGE = 100;
const REQUIRED_ON_CREATE = [
  'accountEnabled',
  'displayName',
  'mailNickname',
  'passwordProfile',
  'userPrincipalName',
];

export const userRoutes: GraphRoute[] = [
  { method: 'GET', pattern: /^\/users$/, roles: USERS_READ, handle: listUsers },
  { method: 'POST', pattern: /^\/users$/, roles: USERS_WRITE, handle: createUser },
  entityRoute(/^\/users\/(?<id>(?!delta$)[^/]+)$/, USERS_READ, USER_SHAPE, (ctx, t, id) =>
    ctx.state.usersOf(t).get(id),
  ),
  { method: 'PATCH', pattern: /^\/users\/(?<id>(?!delta$)[^/]+)$/, roles: USERS_WRITE, handle: updateUser },
  { method: 'DELETE', pattern: /^\/users\/(?<id>(?!delta$)[^/]+)$/, roles: USERS_WRITE, handle: deleteUser },
];

function listUsers(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  return listEntities(ctx, call, { ...USER_SHAPE, defaultPage: DEFAULT_PAGE, path: 'users' }, () =>
    ctx.state.usersOf(call.principal.tenantId),
  );
}

function createUser(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  const input = objectBody(call);
  if (isResponse(input)) return input;
  for (const key of REQUIRED_ON_CREATE) {
    if (input[key] === undefined || input[key] === '') {
      return badRequest(call, `Invalid value specified for property '${key}' of resource 'User'.`);
    }
  }
  const store = ctx.state.usersOf(call.principal.tenantId);
  if (store.get(String(input.userPrincipalName))) {
    return badRequest(
      call,
      'Another object with the same value for property userPrincipalName already exists.',
    );
  }
  const { passwordProfile: _secret, ...rest } = input;
  const user = store.upsert(
    { createdDateTime: new Date().toISOString(), userType: 'Member', ...rest, id: newGuid() },
    ctx.state.nextVersion(),
  );
  return createdResponse(ctx, call, user, USER_SHAPE, 'User');
}

function updateUser(ctx: EmulatorContext, call: GraphCall, params: Record<string, string>): GraphResponse {
  return withUser(ctx, call, params, (store, existing) => {
    const body = objectBody(call);
    if (isResponse(body)) return body;
    const { id: _ignored, passwordProfile: _secret, ...changes } = body;
    store.upsert({ ...existing, ...changes, id: existing.id }, ctx.state.nextVersion());
    return { status: 204 };
  });
}

function deleteUser(ctx: EmulatorContext, call: GraphCall, params: Record<string, string>): GraphResponse {
  return withUser(ctx, call, params, (store, existing) => {
    store.remove(existing.id, ctx.state.nextVersion());
    return { status: 204 };
  });
}

/** Runs a write on the user the path names, or answers 404 when there is none. */
function withUser(
  ctx: EmulatorContext,
  call: GraphCall,
  params: Record<string, string>,
  write: (store: UserStore, user: GraphUser) => GraphResponse,
): GraphResponse {
  const store = ctx.state.usersOf(call.principal.tenantId);
  const id = params.id ?? '';
  const existing = store.get(id);
  return existing ? write(store, existing) : notFound(call, id);
}
