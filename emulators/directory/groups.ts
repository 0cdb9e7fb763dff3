// /groups: list (with $filter on displayName or mailNickname, $select, $top and nextLink paging), get
// by id, and create a security or Microsoft 365 group with its first owners and members. Members and
// owners afterwards are in group-members.ts.
// https://learn.microsoft.com/graph/api/group-list  https://learn.microsoft.com/graph/api/group-get
// https://learn.microsoft.com/graph/api/group-post-groups
import { newGuid } from '../shared/ids.js';
import { parseEq } from '../shared/odata-eq.js';
import { badRequest } from '../graph/errors.js';
import { createdResponse, entityRoute, isResponse, objectBody } from '../graph/odata.js';
import { listEntities } from '../graph/paging.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { accountsOf } from './accounts-state.js';
import { referencedUser } from './references.js';
import { GROUP_SHAPE, newGroup } from './group-properties.js';
import { isValidMailNickname } from './name-rules.js';
import { isReplicated, readGroup } from './replicas.js';
import type { GraphGroup } from './group-store.js';

/** Application permissions from the pages above; GroupMember.* reads groups too. */
export const GROUPS_READ = [
  'GroupMember.Read.All',
  'Group.Read.All',
  'Directory.Read.All',
  'GroupMember.ReadWrite.All',
  'Group.ReadWrite.All',
  'Directory.ReadWrite.All',
];
export const GROUPS_CREATE = ['Group.Create', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'];

const DEFAULT_PAGE = 100;
const FILTERABLE = ['displayName', 'mailNickname'];
const REQUIRED_ON_CREATE = ['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled'];
const GROUP_TYPES = ['Unified', 'DynamicMembership'];
/** Relationships a create may set, each to at most 20 users. */
const BINDINGS = ['owners', 'members'] as const;
const MAX_BINDINGS = 20;

export const groupRoutes: GraphRoute[] = [
  { method: 'GET', pattern: /^\/groups$/, roles: GROUPS_READ, handle: listGroups },
  { method: 'POST', pattern: /^\/groups$/, roles: GROUPS_CREATE, handle: createGroup },
  entityRoute(/^\/groups\/(?<id>[^/]+)$/, GROUPS_READ, GROUP_SHAPE, (ctx, t, id) => readGroup(ctx, t, id)),
];

function listGroups(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  const filter = call.query.get('$filter');
  const opts = { ...GROUP_SHAPE, defaultPage: DEFAULT_PAGE, path: 'groups' };
  return listEntities(ctx, call, filter === null ? opts : { ...opts, carry: { $filter: filter } }, () => {
    const groups = filtered(ctx, call);
    return isResponse(groups) ? groups : { size: groups.length, at: (i) => groups[i] };
  });
}

/** The caller's groups, narrowed by `$filter=displayName eq '…'` or `mailNickname eq '…'`. */
function filtered(ctx: EmulatorContext, call: GraphCall): GraphGroup[] | GraphResponse {
  const store = ctx.state.groupsOf(call.principal.tenantId);
  const raw = call.query.get('$filter');
  if (raw === null || raw.trim() === '') return store.list().filter((g) => isReplicated(ctx, g.id));
  const eq = parseEq(raw);
  if (!eq) return badRequest(call, 'Invalid filter clause', 'BadRequest');
  if (!FILTERABLE.includes(eq.property)) {
    return badRequest(
      call,
      `Unsupported or invalid query filter clause specified for property '${eq.property}' of resource 'Group'.`,
      'Request_UnsupportedQuery',
    );
  }
  return store.where(eq.property, eq.value).filter((g) => isReplicated(ctx, g.id));
}

function createGroup(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  const input = objectBody(call);
  if (isResponse(input)) return input;
  const problem = createProblem(input);
  if (problem) return badRequest(call, problem);
  const { tenantId } = call.principal;
  const store = ctx.state.groupsOf(tenantId);
  const unified = (input.groupTypes as string[] | undefined)?.includes('Unified') === true;
  if (unified && store.where('mailNickname', String(input.mailNickname)).length > 0)
    return badRequest(call, 'Another object with the same value for property mailNickname already exists.');
  const bound = bindings(ctx, call, input);
  if (isResponse(bound)) return bound;
  const properties = Object.fromEntries(Object.entries(input).filter(([k]) => !k.includes('@odata.')));
  const id = newGuid();
  const group = store.put(newGroup(properties, id, ctx.state.domainOf(tenantId)));
  for (const relation of BINDINGS) for (const userId of bound[relation]) store.relate(relation, id, userId);
  accountsOf(ctx.state).created(id);
  return createdResponse(ctx, call, group, GROUP_SHAPE, 'Group');
}

/** The users `owners@odata.bind` and `members@odata.bind` name, each of which must exist. */
function bindings(
  ctx: EmulatorContext,
  call: GraphCall,
  input: Record<string, unknown>,
): Record<(typeof BINDINGS)[number], string[]> | GraphResponse {
  const out = { owners: [] as string[], members: [] as string[] };
  for (const relation of BINDINGS) {
    const refs = input[`${relation}@odata.bind`];
    if (refs === undefined) continue;
    if (!Array.isArray(refs) || refs.length > MAX_BINDINGS)
      return badRequest(
        call,
        `Invalid value specified for property '${relation}@odata.bind' of resource 'Group'.`,
      );
    for (const ref of refs) {
      const user = referencedUser(ctx, call, ref);
      if (isResponse(user)) return user;
      if (!out[relation].includes(user.id)) out[relation].push(user.id);
    }
  }
  return out;
}

/** The message of Graph's 400 for a group body it refuses, or undefined when it is acceptable. */
function createProblem(input: Record<string, unknown>): string | undefined {
  for (const key of REQUIRED_ON_CREATE) {
    if (input[key] === undefined || input[key] === null || input[key] === '')
      return `A value is required for property '${key}' of resource 'Group'.`;
  }
  const invalid = (key: string) => `Invalid value specified for property '${key}' of resource 'Group'.`;
  if (typeof input.displayName !== 'string' || input.displayName.length > 256) return invalid('displayName');
  const nick = input.mailNickname;
  if (!isValidMailNickname(nick)) return invalid('mailNickname');
  if (typeof input.mailEnabled !== 'boolean') return invalid('mailEnabled');
  if (typeof input.securityEnabled !== 'boolean') return invalid('securityEnabled');
  const types = input.groupTypes ?? [];
  if (!Array.isArray(types) || types.some((t) => typeof t !== 'string' || !GROUP_TYPES.includes(t)))
    return invalid('groupTypes');
  // Mail-enabled security groups and distribution lists are made in Exchange, not through Graph.
  if (input.mailEnabled && !types.includes('Unified'))
    return 'The service does not currently support writes of mail-enabled groups. Please ensure that the mail-enablement property is unset or is set to false.';
  return undefined;
}
