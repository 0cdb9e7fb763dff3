// /users: list with paging and $filter, get by id or UPN, create, update, delete. New users are found
// only once replicated (replicas.ts). https://learn.microsoft.com/graph/api/user-list
// https://learn.microsoft.com/graph/api/user-get  https://learn.microsoft.com/graph/api/user-delete
import type { EmulatorContext } from '../microsoft/context.js';
import { notFound } from '../graph/errors.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import { entityRoute, isResponse, objectBody } from '../graph/odata.js';
import { listEntities } from '../graph/paging.js';
import { accountsOf } from './accounts-state.js';
import { isReplicated, readUser } from './replicas.js';
import { conflictOf, createUser, propertyProblem } from './user-create.js';
import { matchesUser, parseUserFilter, type UserClause } from './user-filter.js';
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
const USER = /^\/users\/(?<id>(?!delta$)[^/]+)$/;

export const userRoutes: GraphRoute[] = [
  { method: 'GET', pattern: /^\/users$/, roles: USERS_READ, handle: listUsers },
  { method: 'POST', pattern: /^\/users$/, roles: USERS_WRITE, handle: createUser },
  entityRoute(USER, USERS_READ, USER_SHAPE, (ctx, t, id) => readUser(ctx, t, id)),
  { method: 'PATCH', pattern: USER, roles: USERS_WRITE, handle: updateUser },
  { method: 'DELETE', pattern: USER, roles: USERS_WRITE, handle: deleteUser },
];

function listUsers(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  const filter = call.query.get('$filter');
  const opts = { ...USER_SHAPE, defaultPage: DEFAULT_PAGE, path: 'users' };
  return listEntities(ctx, call, filter === null ? opts : { ...opts, carry: { $filter: filter } }, () => {
    const store = ctx.state.usersOf(call.principal.tenantId);
    const replicated = (u: GraphUser | undefined) => (u && isReplicated(ctx, u.id) ? u : undefined);
    if (filter === null || filter.trim() === '')
      return { size: store.size, at: (i) => replicated(store.at(i)) };
    const clauses = parseUserFilter(call, filter);
    if (isResponse(clauses)) return clauses;
    const found = matching(store, clauses).filter((u) => replicated(u));
    return { size: found.length, at: (i) => found[i] };
  });
}

/** Users matching any clause; one `eq` on the id or UPN is a lookup, anything else a scan. */
function matching(store: UserStore, clauses: UserClause[]): GraphUser[] {
  const [only] = clauses;
  if (
    clauses.length === 1 &&
    only?.op === 'eq' &&
    (only.property === 'id' || only.property === 'userPrincipalName')
  ) {
    const user = store.get(only.value);
    return user && matchesUser(user, clauses) ? [user] : [];
  }
  const out: GraphUser[] = [];
  for (let i = 0; i < store.size; i++) {
    const user = store.at(i);
    if (user && matchesUser(user, clauses)) out.push(user);
  }
  return out;
}

function updateUser(ctx: EmulatorContext, call: GraphCall, params: Record<string, string>): GraphResponse {
  return withUser(ctx, call, params, (store, existing) => {
    const body = objectBody(call);
    if (isResponse(body)) return body;
    const problem = propertyProblem(ctx, call, body) ?? conflictOf(call, store, body, existing);
    if (problem) return problem;
    const { id: _ignored, passwordProfile: _secret, ...changes } = body;
    store.upsert({ ...existing, ...changes, id: existing.id }, ctx.state.nextVersion());
    return { status: 204 };
  });
}

function deleteUser(ctx: EmulatorContext, call: GraphCall, params: Record<string, string>): GraphResponse {
  return withUser(ctx, call, params, (store, existing) => {
    store.remove(existing.id, ctx.state.nextVersion());
    // Group memberships of a deleted user are skipped when listed (group-store.ts); seats and passes go.
    accountsOf(ctx.state).forgetUser(call.principal.tenantId, existing.id);
    return { status: 204 };
  });
}

/** Runs a write on the user the path names, or answers 404 when the replicas do not know it yet. */
export function withUser(
  ctx: EmulatorContext,
  call: GraphCall,
  params: Record<string, string>,
  write: (store: UserStore, user: GraphUser) => GraphResponse,
): GraphResponse {
  const store = ctx.state.usersOf(call.principal.tenantId);
  const id = params.id ?? '';
  const existing = readUser(ctx, call.principal.tenantId, id);
  return existing ? write(store, existing) : notFound(call, id);
}
