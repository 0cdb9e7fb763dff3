// The token endpoint's user grants: grant_type=authorization_code (single use, ten minutes, the same
// redirect_uri, PKCE) and grant_type=refresh_token (rotated on use). The caller has already proved the
// client's credential.
// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#redeem-a-code-for-an-access-token
// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#refresh-the-access-token
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppRecord, Tenant } from '../directory/state.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { type AadstsError, aadsts } from './aadsts-errors.js';
import { accessTokenClaims, idTokenClaims, type UserTokenInput } from './id-tokens.js';
import { signInErrors } from './sign-in-errors.js';
import { type AuthCode, type SignedIn, signInOf } from './sign-in-state.js';
import { grantedScope, parseUserScopes } from './user-scopes.js';

/** Authorization codes are short lived: ten minutes. */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;

type Form = Record<string, string>;
export type GrantResult = { body: Record<string, unknown> } | { error: AadstsError };

export async function redeemUserGrant(
  ctx: EmulatorContext,
  form: Form,
  app: AppRecord,
  tenant: Tenant,
): Promise<GrantResult> {
  if (form.grant_type === 'refresh_token') return redeemRefreshToken(ctx, form, app, tenant);
  const state = signInOf(ctx.state);
  if (!form.code) return { error: aadsts.missingParameter('code') };
  const entry = state.codes.get(form.code);
  if (!entry) return { error: signInErrors.codeMalformed() };
  const { request } = entry;
  if (request.clientId !== app.clientId || request.tenantId !== tenant.id) {
    return { error: signInErrors.codeOtherClient() };
  }
  if (entry.redeemed) return { error: signInErrors.codeRedeemed() };
  if (state.now() - entry.issuedAtMs > CODE_LIFETIME_MS) return { error: signInErrors.codeExpired() };
  if (form.redirect_uri !== request.redirectUri) return { error: signInErrors.redirectUriDiffers() };
  if (!verifierMatches(entry, form.code_verifier)) return { error: signInErrors.verifierMismatch() };
  entry.redeemed = true;
  return issueUserTokens(ctx, app, tenant, request.scope, entry.who, request.nonce);
}

async function redeemRefreshToken(
  ctx: EmulatorContext,
  form: Form,
  app: AppRecord,
  tenant: Tenant,
): Promise<GrantResult> {
  const state = signInOf(ctx.state);
  if (!form.refresh_token) return { error: aadsts.missingParameter('refresh_token') };
  const grant = state.refreshTokens.get(form.refresh_token);
  if (!grant || grant.clientId !== app.clientId || grant.tenantId !== tenant.id) {
    return { error: signInErrors.refreshTokenInvalid() };
  }
  state.refreshTokens.delete(form.refresh_token);
  return issueUserTokens(ctx, app, tenant, grant.scope, grant.who, undefined);
}

/** PKCE (RFC 7636 §4.6): no challenge, no check; otherwise the verifier must produce the challenge. */
function verifierMatches(entry: AuthCode, verifier: string | undefined): boolean {
  const { codeChallenge, codeChallengeMethod } = entry.request;
  if (codeChallenge === undefined) return true;
  if (verifier === undefined || verifier.length < 43 || verifier.length > 128) return false;
  const derived =
    codeChallengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  const a = Buffer.from(derived);
  const b = Buffer.from(codeChallenge);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function issueUserTokens(
  ctx: EmulatorContext,
  app: AppRecord,
  tenant: Tenant,
  scope: string,
  who: SignedIn,
  nonce: string | undefined,
): Promise<GrantResult> {
  const scopes = parseUserScopes(scope);
  if ('invalid' in scopes) return { error: signInErrors.invalidScope(scopes.invalid) };
  const user = ctx.state.usersOf(tenant.id).get(who.userId);
  if (!user)
    return {
      error: { ...signInErrors.userNotFound(tenant.domains[0] ?? tenant.id), error: 'invalid_grant' },
    };
  if (user.accountEnabled === false)
    return { error: { ...signInErrors.userDisabled(), error: 'invalid_grant' } };
  const input: UserTokenInput = {
    tenantId: tenant.id,
    clientId: app.clientId,
    appDisplayName: app.displayName,
    user,
    scopes,
    nonce,
    who,
  };
  const lifetime = ctx.settings.tokenLifetimeSec;
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: grantedScope(scopes),
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: await ctx.signer.sign(accessTokenClaims(ctx, input), { x5t: true }),
  };
  if (scopes.oidc.includes('offline_access')) {
    const state = signInOf(ctx.state);
    body.refresh_token = state.put(state.refreshTokens, '0.', {
      tenantId: tenant.id,
      clientId: app.clientId,
      scope,
      who,
    });
  }
  if (scopes.oidc.includes('openid')) body.id_token = await ctx.signer.sign(idTokenClaims(ctx, input));
  return { body };
}
