// The console roles a signed-in person gets: from the app roles in the token's `roles` claim and the
// group object ids in its `groups` claim, each mapped by configuration. A groups overage (more
// groups than a token carries) is not followed up in Graph: app roles, which can be assigned to
// groups, are the way to grant access through large groups.
import { isRole, ROLES, type Role } from '../../../platform/web-session/index.js';
import type { SignedInPerson } from './types.js';

export interface RoleMapping {
  /** App role value → console role. */
  appRoles: Readonly<Record<string, Role>>;
  /** Group object id (GUID, any case) → console role. */
  groups: Readonly<Record<string, Role>>;
}

/** The roles (in ROLES order, no repeats) the person's app roles and groups map to. */
export function rolesOf(person: Pick<SignedInPerson, 'appRoles' | 'groups'>, m: RoleMapping): Role[] {
  const got = new Set<Role>();
  for (const value of person.appRoles) {
    const r = Object.hasOwn(m.appRoles, value) ? m.appRoles[value] : undefined;
    if (isRole(r)) got.add(r);
  }
  const groups = new Map(Object.entries(m.groups).map(([id, r]) => [id.toLowerCase(), r]));
  for (const id of person.groups) {
    const r = groups.get(id.toLowerCase());
    if (isRole(r)) got.add(r);
  }
  return ROLES.filter((r) => got.has(r));
}
