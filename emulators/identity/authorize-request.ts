// Validates the query of GET /{tenant}/oauth2/v2.0/authorize in Entra's order: errors about the app or
// its redirect URI are shown on a page (there is no trusted place to send them); later ones are sent
// to the redirect URI with the state.
// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code
// https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1, PKCE: https://www.rfc-editor.org/rfc/rfc7636#section-4.2
import type { AppRecord, Tenant } from '../directory/state.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { GUID_RE } from '../shared/ids.js';
import { type AadstsError, aadsts } from './aadsts-errors.js';
import { signInErrors } from './sign-in-errors.js';
import { redirectUriMatches } from './sign-in-apps.js';
import { type AuthorizeRequest, signInOf } from './sign-in-state.js';
import { parseUserScopes } from './user-scopes.js';

const MULTI_TENANT = new Set(['common', 'organizations']);
const RESPONSE_MODES = new Set(['query', 'fragment', 'form_post']);
const PROMPTS = new Set(['login', 'none', 'consent', 'select_account']);
/** code_challenge is 43 to 128 characters of the unreserved set (RFC 7636 §4.2). */
const CHALLENGE_RE = /^[A-Za-z0-9._~-]{43,128}$/;

export type Prompt = 'login' | 'none' | 'consent' | 'select_account' | undefined;

/** Where a redirected error or answer goes. */
export interface ReplyTarget {
  redirectUri: string;
  responseMode: AuthorizeRequest['responseMode'];
  state?: string | undefined;
}

export type AuthorizeCheck =
  | { kind: 'page'; error: AadstsError }
  | { kind: 'redirect'; error: AadstsError; target: ReplyTarget }
  | { kind: 'ok'; request: AuthorizeRequest; prompt: Prompt; tenant: Tenant; app: AppRecord };

type Query = Record<string, unknown>;

export function checkAuthorize(ctx: EmulatorContext, tenantRef: string, query: Query): AuthorizeCheck {
  const page = (error: AadstsError): AuthorizeCheck => ({ kind: 'page', error });
  for (const [name, v] of Object.entries(query)) {
    if (typeof v !== 'string')
      return page(aadsts.invalidRequestParameter(`'${name}' is given more than once.`));
  }
  const q = query as Record<string, string | undefined>;
  const clientId = q.client_id;
  if (!clientId) return page(aadsts.missingParameter('client_id'));
  const found = findTenantAndApp(ctx, tenantRef, clientId);
  if ('error' in found) return page(found.error);
  const { tenant, app } = found;

  const settings = signInOf(ctx.state).appOf(tenant.id, app.clientId);
  const registered = settings.redirectUris;
  if (registered.length === 0) return page(signInErrors.noReplyAddress(app.clientId));
  const redirectUri = q.redirect_uri ?? registered[0] ?? '';
  if (!registered.some((r) => redirectUriMatches(r, redirectUri))) {
    return page(signInErrors.replyUrlMismatch(redirectUri, app.clientId));
  }

  const responseMode = q.response_mode ?? 'query';
  const target: ReplyTarget = {
    redirectUri,
    responseMode: RESPONSE_MODES.has(responseMode) ? (responseMode as ReplyTarget['responseMode']) : 'query',
    state: q.state,
  };
  const redirect = (error: AadstsError): AuthorizeCheck => ({ kind: 'redirect', error, target });
  if (!RESPONSE_MODES.has(responseMode)) {
    return redirect(aadsts.invalidRequestParameter(`response_mode '${responseMode}' is not supported.`));
  }
  if (!q.response_type) return redirect(aadsts.missingParameter('response_type'));
  if (q.response_type !== 'code') return redirect(signInErrors.unsupportedResponseType(q.response_type));
  if (!q.scope) return redirect(aadsts.missingParameter('scope'));
  const scopes = parseUserScopes(q.scope);
  if ('invalid' in scopes) return redirect(signInErrors.invalidScope(scopes.invalid));

  const challenge = q.code_challenge;
  const method = q.code_challenge_method ?? (challenge === undefined ? undefined : 'plain');
  if (method !== undefined && method !== 'S256' && method !== 'plain') {
    return redirect(aadsts.invalidRequestParameter(`code_challenge_method '${method}' is not supported.`));
  }
  if (challenge !== undefined && !CHALLENGE_RE.test(challenge)) {
    return redirect(signInErrors.invalidChallengeSize());
  }
  if (q.prompt !== undefined && !PROMPTS.has(q.prompt)) return redirect(signInErrors.invalidPrompt(q.prompt));

  const request: AuthorizeRequest = {
    tenantId: tenant.id,
    clientId: app.clientId,
    redirectUri,
    responseMode: target.responseMode,
    scope: q.scope,
    state: q.state,
    nonce: q.nonce,
    codeChallenge: challenge,
    codeChallengeMethod: challenge === undefined ? undefined : (method as 'S256' | 'plain'),
    loginHint: q.login_hint,
  };
  return { kind: 'ok', request, prompt: q.prompt as Prompt, tenant, app };
}

/** The tenant of the path (for common/organizations, the one that registered the app) and the app. */
function findTenantAndApp(
  ctx: EmulatorContext,
  tenantRef: string,
  clientId: string,
): { tenant: Tenant; app: AppRecord } | { error: AadstsError } {
  const multi = MULTI_TENANT.has(tenantRef.toLowerCase());
  const tenant = multi ? undefined : ctx.state.findTenant(tenantRef);
  if (!multi && !tenant) return { error: aadsts.tenantNotFound(tenantRef) };
  const candidates = tenant ? [tenant] : [...ctx.state.tenants.values()];
  for (const t of candidates) {
    const app = GUID_RE.test(clientId) ? ctx.state.findApp(t.id, clientId) : undefined;
    if (app) return { tenant: t, app };
  }
  const name = tenant ? (tenant.domains[0] ?? tenant.id) : tenantRef;
  return { error: aadsts.appNotFound(clientId, name) };
}
