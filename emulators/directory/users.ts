// /users: list with paging, get by id or UPN, create, update, delete.
// https://learn.microsoft.com/graph/api/user-list  https://learn.microsoft.com/graph/api/user-get
import { decodeToken, encodeToken, newGuid } from '../shared/ids.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { badRequest, notFound } from '../graph/errors.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import { contextUrl, isResponse, parsePageSize, parseSelect, project } from '../graph/odata.js';
import { USER_DEFAULT_PROPERTIES, USER_PROPERTIES } from './user-properties.js';

export const USERS_READ = [
  'User.Read.All',
  'User.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
export const USERS_WRITE = ['User.ReadWrite.All', 'Directory.ReadWrite.All'];
const SKIP_PREFIX = 'RFNwd';
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
  { method: 'GET', pattern: /^\/users\/(?<id>(?!delta$)[^/]+)$/, roles: USERS_READ, handle: getUser },
  { method: 'PATCH', pattern: /^\/users\/(?<id>(?!delta$)[^/]+)$/, roles: USERS_WRITE, handle: updateUser },
  { method: 'DELETE', pattern: /^\/users\/(?<id>(?!delta$)[^/]+)$/, roles: USERS_WRITE, handle: deleteUser },
];

function listUsers(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  const pageSize = parsePageSize(call, DEFAULT_PAGE);
  if (isResponse(pageSize)) return pageSize;
  const select = parseSelect(call, USER_PROPERTIES, 'user');
  if (isResponse(select)) return select;
  let offset = 0;
  const skip = call.query.get('$skiptoken');
  if (skip !== null) {
    const decoded = decodeToken(SKIP_PREFIX, skip) as { o?: unknown } | undefined;
    if (typeof decoded?.o !== 'number') return badRequest(call, 'Invalid $skiptoken.');
    offset = decoded.o;
  }
  const store = ctx.state.usersOf(call.principal.tenantId);
  const props = select ?? USER_DEFAULT_PROPERTIES;
  const value: Array<Record<string, unknown>> = [];
  let i = offset;
  for (; i < store.size && value.length < pageSize; i++) {
    const user = store.at(i);
    if (user) value.push(project(user, props));
  }
  const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx, call, 'users', select) };
  if (i < store.size) {
    const next = new URLSearchParams();
    next.set('$top', String(pageSize));
    if (select) next.set('$select', select.join(','));
    next.set('$skiptoken', encodeToken(SKIP_PREFIX, { o: i }));
    body['@odata.nextLink'] = `${ctx.urls.graph}/${call.version}/users?${next.toString()}`;
  }
  body.value = value;
  return { status: 200, body };
}

function getUser(ctx: EmulatorContext, call: GraphCall, params: Record<string, string>): GraphResponse {
  const select = parseSelect(call, USER_PROPERTIES, 'user');
  if (isResponse(select)) return select;
  const id = params.id ?? '';
  const user = ctx.state.usersOf(call.principal.tenantId).get(id);
  if (!user) return notFound(call, id);
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(ctx, call, 'users', select, true),
      ...project(user, select ?? USER_DEFAULT_PROPERTIES),
    },
  };
}

function createUser(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  const body = call.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return badRequest(call, 'Invalid request body.');
  const input = body as Record<string, unknown>;
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
  return {
    status: 201,
    headers: {
      Location: `${ctx.urls.graph}/v1.0/directoryObjects/${user.id}/Microsoft.DirectoryServices.User`,
    },
    body: {
      '@odata.context': contextUrl(ctx, call, 'users', undefined, true),
      ...project(user, USER_DEFAULT_PROPERTIES),
    },
  };
}

function updateUser(ctx: EmulatorContext, call: GraphCall, params: Record<string, string>): GraphResponse {
  const store = ctx.state.usersOf(call.principal.tenantId);
  const id = params.id ?? '';
  const existing = store.get(id);
  if (!existing) return notFound(call, id);
  if (typeof call.body !== 'object' || call.body === null || Array.isArray(call.body)) {
    return badRequest(call, 'Invalid request body.');
  }
  const { id: _ignored, passwordProfile: _secret, ...changes } = call.body as Record<string, unknown>;
  store.upsert({ ...existing, ...changes, id: existing.id }, ctx.state.nextVersion());
  return { status: 204 };
}

function deleteUser(ctx: EmulatorContext, call: GraphCall, params: Record<string, string>): GraphResponse {
  const store = ctx.state.usersOf(call.principal.tenantId);
  const id = params.id ?? '';
  const existing = store.get(id);
  if (!existing) return notFound(call, id);
  store.remove(existing.id, ctx.state.nextVersion());
  return { status: 204 };
}
