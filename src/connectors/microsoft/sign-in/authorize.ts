// The way to Entra and back: the flow's random values (state, nonce, PKCE S256 verifier), the
// authorize URL, and the redirect's query read as a code or as Entra's typed error.
// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code
// PKCE: https://www.rfc-editor.org/rfc/rfc7636#section-4.2
import { createHash, randomBytes } from 'node:crypto';
import { aadstsOf, errors, SignInRefusedError } from './errors.js';
import { firstLine } from './resources/token.js';
import { type RedirectQuery, redirectQuerySchema } from './schemas.js';
import type { AuthorizeOptions, FlowSecrets } from './types.js';

/** The scopes asked for: an ID token with the name and e-mail; no API access. */
export const SIGN_IN_SCOPE = 'openid profile email';

const random = () => randomBytes(32).toString('base64url');

export function newFlowSecrets(): FlowSecrets {
  return { state: random(), nonce: random(), codeVerifier: random() };
}

export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function authorizeUrl(
  authorizationEndpoint: string,
  clientId: string,
  redirectUri: string,
  o: AuthorizeOptions,
): string {
  const url = new URL(authorizationEndpoint);
  const params: Record<string, string | undefined> = {
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    response_mode: 'query',
    scope: SIGN_IN_SCOPE,
    state: o.state,
    nonce: o.nonce,
    code_challenge: codeChallenge(o.codeVerifier),
    code_challenge_method: 'S256',
    login_hint: o.loginHint,
    prompt: o.prompt,
  };
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') url.searchParams.set(k, v);
  return url.toString();
}

export type RedirectReply = { code: string; state: string } | { error: SignInRefusedError; state?: string };

/**
 * The query of the redirect: a code with its state, or Entra's error reply as a typed error (its
 * AADSTS code kept). A query with neither, or with repeated parameters, is an error of its own.
 */
export function readRedirect(query: Record<string, unknown>): RedirectReply {
  for (const v of Object.values(query)) {
    if (typeof v !== 'string')
      return { error: refused(errors.ENTRA_REFUSED, 'the sign-in answer repeats a parameter') };
  }
  const parsed = redirectQuerySchema.safeParse(query);
  if (!parsed.success) return { error: refused(errors.ENTRA_REFUSED, 'the sign-in answer is malformed') };
  const q = parsed.data;
  if (q.error !== undefined) return { error: entraError(q), ...(q.state ? { state: q.state } : {}) };
  if (q.code === undefined || q.code === '' || q.state === undefined || q.state === '')
    return { error: refused(errors.ENTRA_REFUSED, 'the sign-in answer has no code or no state') };
  return { code: q.code, state: q.state };
}

const INTERACTION = new Set([
  'login_required',
  'interaction_required',
  'consent_required',
  'account_selection_required',
]);

function entraError(q: RedirectQuery): SignInRefusedError {
  const codes = (q.error_codes ?? '')
    .split(/[\s,]+/)
    .filter((c) => /^\d{1,9}$/.test(c))
    .map(Number);
  const description = firstLine(q.error_description);
  const fields = { aadsts: aadstsOf(q.error_description, codes), oauthError: q.error, description };
  const spec =
    q.error === 'access_denied'
      ? errors.DECLINED
      : INTERACTION.has(q.error ?? '')
        ? errors.INTERACTION_REQUIRED
        : errors.ENTRA_REFUSED;
  return refused(spec, `Entra ID answered ${q.error}${fields.aadsts ? ` (${fields.aadsts})` : ''}`, fields);
}

function refused(spec: { code: string }, message: string, fields = {}): SignInRefusedError {
  return new SignInRefusedError(spec, message, fields);
}
