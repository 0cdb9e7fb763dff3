// The scope parameter of a user sign-in: OpenID Connect scopes plus permissions of one resource.
// https://learn.microsoft.com/entra/identity-platform/scopes-oidc
import { RESOURCES } from './tokens.js';

export const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
const GRAPH = 'https://graph.microsoft.com';
/** A permission name: letters, digits, dots, dashes and underscores (User.Read, .default). */
const PERMISSION_RE = /^[A-Za-z0-9._-]{1,120}$/;
const MAX_SCOPES = 100;

export interface UserScopes {
  /** The OpenID Connect scopes asked for, in request order. */
  oidc: string[];
  /** The resource the access token is for, and its permissions as scp lists them. */
  resource: string;
  permissions: string[];
}

/** Splits a scope string; a permission of an unknown resource, or of a second one, is invalid. */
export function parseUserScopes(raw: string): UserScopes | { invalid: string } {
  const parts = raw.split(' ').filter((s) => s.length > 0);
  if (parts.length === 0 || parts.length > MAX_SCOPES) return { invalid: raw.slice(0, 200) };
  const oidc: string[] = [];
  const permissions: string[] = [];
  let resource: string | undefined;
  for (const scope of parts) {
    if (OIDC_SCOPES.has(scope)) {
      if (!oidc.includes(scope)) oidc.push(scope);
      continue;
    }
    const slash = scope.lastIndexOf('/');
    const res = slash < 0 ? GRAPH : trimSlashes(scope.slice(0, slash));
    const permission = scope.slice(slash + 1);
    const known = Object.keys(RESOURCES).find((r) => r.toLowerCase() === res.toLowerCase());
    if (!known || !PERMISSION_RE.test(permission)) return { invalid: scope };
    const canonical = RESOURCES[known] === 'graph' ? GRAPH : known;
    if (resource !== undefined && resource !== canonical) return { invalid: scope };
    resource = canonical;
    // .default stands for the permissions the app was granted; the emulator grants a user User.Read.
    const name = permission === '.default' ? 'User.Read' : permission;
    if (!permissions.includes(name)) permissions.push(name);
  }
  return {
    oidc,
    resource: resource ?? GRAPH,
    permissions: permissions.length > 0 ? permissions : ['User.Read'],
  };
}

/** The scope value of the token response: the granted permissions, then the OIDC scopes asked for. */
export function grantedScope(s: UserScopes): string {
  return [...s.permissions, ...s.oidc].join(' ');
}

/** Drops trailing slashes in one pass (a `/\/+$/` pattern is retried from every start). */
function trimSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '/') end -= 1;
  return s.slice(0, end);
}
