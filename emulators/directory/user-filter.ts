// $filter on /users: `<property> eq '<literal>'` and `startswith(<property>,'<literal>')`, joined by `or`,
// on the properties that support them by default (no ConsistencyLevel needed). Strings compare
// case-insensitively, as directory strings do. Parsed left to right in one pass: a filter is hostile input.
// https://learn.microsoft.com/graph/api/user-list#optional-query-parameters
// https://learn.microsoft.com/graph/aad-advanced-queries
import { badRequest } from '../graph/errors.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';

const EQ_PROPERTIES = new Set([
  'id',
  'userPrincipalName',
  'mail',
  'mailNickname',
  'employeeId',
  'displayName',
  'givenName',
  'surname',
  'usageLocation',
]);
const STARTSWITH_PROPERTIES = new Set([
  'userPrincipalName',
  'mail',
  'mailNickname',
  'displayName',
  'givenName',
  'surname',
]);
const MAX_FILTER = 4096;

export interface UserClause {
  op: 'eq' | 'startswith';
  property: string;
  /** Lower case. */
  value: string;
}

const CLAUSE = /\s*(?:(\w+)\s+eq\s+'((?:[^']|'')*)'|startswith\(\s*(\w+)\s*,\s*'((?:[^']|'')*)'\s*\))\s*/y;
const OR = /or\s+/y;

/** The clauses of a filter (any one matching selects a user), or the 400 Graph answers. */
export function parseUserFilter(call: GraphCall, raw: string): UserClause[] | GraphResponse {
  if (raw.length > MAX_FILTER) return badRequest(call, 'Invalid filter clause', 'BadRequest');
  const clauses: UserClause[] = [];
  let at = 0;
  for (;;) {
    CLAUSE.lastIndex = at;
    const m = CLAUSE.exec(raw);
    if (!m) return badRequest(call, 'Invalid filter clause', 'BadRequest');
    const op = m[1] !== undefined ? 'eq' : 'startswith';
    const property = m[1] ?? m[3] ?? '';
    const allowed = op === 'eq' ? EQ_PROPERTIES : STARTSWITH_PROPERTIES;
    if (!allowed.has(property))
      return badRequest(
        call,
        `Unsupported or invalid query filter clause specified for property '${property}' of resource 'User'.`,
        'Request_UnsupportedQuery',
      );
    const literal = (m[2] ?? m[4] ?? '').replaceAll("''", "'");
    clauses.push({ op, property, value: literal.toLowerCase() });
    at = CLAUSE.lastIndex;
    if (at === raw.length) return clauses;
    OR.lastIndex = at;
    if (!OR.exec(raw)) return badRequest(call, 'Invalid filter clause', 'BadRequest');
    at = OR.lastIndex;
  }
}

export function matchesUser(user: Record<string, unknown>, clauses: readonly UserClause[]): boolean {
  return clauses.some((c) => {
    const v = user[c.property];
    if (typeof v !== 'string') return false;
    const have = v.toLowerCase();
    return c.op === 'eq' ? have === c.value : have.startsWith(c.value);
  });
}
