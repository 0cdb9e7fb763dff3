// The console's roles and what each may do (issue 14). Roles are ranked: each has every right of the
// ones below it, so an account needs only its highest role.
import { ForbiddenError } from './errors.js';

export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Action → the lowest role allowed to take it. */
export const ACTIONS = {
  read: 'viewer',
  'report.release': 'analyst',
  'report.reanalyse': 'analyst',
  'settings.change': 'admin',
  'accounts.admin': 'admin',
} as const satisfies Record<string, Role>;
export type ConsoleAction = keyof typeof ACTIONS;

const rank = (r: Role) => ROLES.indexOf(r);

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

export function can(roles: readonly Role[], action: ConsoleAction): boolean {
  const needed = rank(ACTIONS[action]);
  return roles.some((r) => isRole(r) && rank(r) >= needed);
}

/** Throws GSOC_SESSION_FORBIDDEN (403) unless one of the roles allows the action. */
export function requireAction(roles: readonly Role[], action: ConsoleAction): void {
  if (!can(roles, action)) throw new ForbiddenError(action);
}
