// The tokens a user sign-in answers with: the v2.0 ID token (for the client) and a v1.0 delegated
// access token (for the resource), signed with the emulator's key and kid.
// https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference
// https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference
// Groups overage: https://learn.microsoft.com/security/zero-trust/develop/configure-tokens-group-claims-app-roles
import { createHash, randomBytes } from 'node:crypto';
import type { GraphUser } from '../directory/user-store.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { signInOf, type SignedIn } from './sign-in-state.js';
import type { UserScopes } from './user-scopes.js';

/** A JWT carries at most this many group ids; past it, the token points at Graph instead. */
export const GROUPS_CLAIM_LIMIT = 200;
/** ID tokens of Entra live one hour. */
export const ID_TOKEN_LIFETIME_SEC = 3600;

export interface UserTokenInput {
  tenantId: string;
  clientId: string;
  appDisplayName?: string | undefined;
  user: GraphUser;
  scopes: UserScopes;
  nonce?: string | undefined;
  who: SignedIn;
}

/** The v2.0 issuer the OpenID configuration names for a tenant. */
export function issuerOf(ctx: EmulatorContext, tenantId: string): string {
  return `${ctx.urls.login}/${tenantId}/v2.0`;
}

/** `sub` is pairwise: the same user has a different subject in each app. */
function pairwiseSubject(tenantId: string, userId: string, clientId: string): string {
  return createHash('sha256').update(`${tenantId}|${userId}|${clientId}`).digest('base64url').slice(0, 43);
}

export function idTokenClaims(ctx: EmulatorContext, input: UserTokenInput): Record<string, unknown> {
  const { tenantId, clientId, user, scopes } = input;
  const state = signInOf(ctx.state);
  const now = Math.floor(state.now() / 1000);
  const claims: Record<string, unknown> = {
    aud: clientId,
    iss: issuerOf(ctx, tenantId),
    iat: now,
    nbf: now,
    exp: now + ID_TOKEN_LIFETIME_SEC,
    auth_time: input.who.authTimeSec,
    aio: randomBytes(24).toString('base64url'),
    oid: user.id,
    rh: `0.${randomBytes(16).toString('base64url')}.`,
    sid: input.who.sessionId,
    sub: pairwiseSubject(tenantId, user.id, clientId),
    tid: tenantId,
    uti: randomBytes(16).toString('base64url'),
    ver: '2.0',
  };
  if (input.nonce !== undefined) claims.nonce = input.nonce;
  if (scopes.oidc.includes('profile')) {
    if (typeof user.displayName === 'string') claims.name = user.displayName;
    if (typeof user.userPrincipalName === 'string') claims.preferred_username = user.userPrincipalName;
  }
  if (scopes.oidc.includes('email') && typeof user.mail === 'string' && user.mail.length > 0) {
    claims.email = user.mail;
  }
  Object.assign(claims, roleAndGroupClaims(ctx, tenantId, clientId, user));
  return claims;
}

/** `roles` when the user holds app roles; `groups`, or its overage form, when the app asks for groups. */
function roleAndGroupClaims(
  ctx: EmulatorContext,
  tenantId: string,
  clientId: string,
  user: GraphUser,
): Record<string, unknown> {
  const state = signInOf(ctx.state);
  const out: Record<string, unknown> = {};
  const roles = state.rolesOf(tenantId, clientId, user);
  if (roles.length > 0) out.roles = roles;
  const groups = state.groupClaimOf(tenantId, clientId, user.id);
  if (groups === undefined || groups.length === 0) return out;
  if (groups.length <= GROUPS_CLAIM_LIMIT) {
    out.groups = groups;
    return out;
  }
  out._claim_names = { groups: 'src1' };
  out._claim_sources = {
    src1: { endpoint: `${ctx.urls.graph}/v1.0/users/${user.id}/getMemberObjects` },
  };
  return out;
}

/** A delegated access token for the scopes' resource (Graph tokens are v1.0, as Graph's are). */
export function accessTokenClaims(ctx: EmulatorContext, input: UserTokenInput): Record<string, unknown> {
  const { tenantId, clientId, user, scopes } = input;
  const now = Math.floor(signInOf(ctx.state).now() / 1000);
  const iss = `https://sts.windows.net/${tenantId}/`;
  const claims: Record<string, unknown> = {
    aud: scopes.resource,
    iss,
    iat: now,
    nbf: now,
    exp: now + ctx.settings.tokenLifetimeSec,
    acr: '1',
    aio: randomBytes(24).toString('base64url'),
    amr: ['pwd'],
    app_displayname: input.appDisplayName,
    appid: clientId,
    appidacr: '1',
    idp: iss,
    idtyp: 'user',
    name: user.displayName,
    oid: user.id,
    rh: `0.${randomBytes(16).toString('base64url')}.`,
    scp: scopes.permissions.join(' '),
    sid: input.who.sessionId,
    sub: pairwiseSubject(tenantId, user.id, scopes.resource),
    tid: tenantId,
    unique_name: user.userPrincipalName,
    upn: user.userPrincipalName,
    uti: randomBytes(16).toString('base64url'),
    ver: '1.0',
  };
  return claims;
}
