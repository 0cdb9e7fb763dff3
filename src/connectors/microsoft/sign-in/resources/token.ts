// Redeems the authorization code at the token endpoint with the PKCE verifier, authenticated as the
// app; only the ID token of the answer is read (the console calls no API on the person's behalf).
// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#redeem-a-code-for-an-access-token
import { type HttpClient, tryJson } from '../../../../platform/http/index.js';
import type { ClientAuthFields } from '../client-auth.js';
import { aadstsOf, errors, SignInFailedError, SignInRefusedError } from '../errors.js';
import { tokenAnswerSchema, tokenErrorSchema } from '../schemas.js';

export interface Redemption {
  tokenEndpoint: string;
  clientId: string;
  redirectUri: string;
  code: string;
  codeVerifier: string;
  scope: string;
}

/** The ID token for the code. */
export async function redeemCode(http: HttpClient, auth: ClientAuthFields, r: Redemption): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: r.clientId,
    code: r.code,
    redirect_uri: r.redirectUri,
    code_verifier: r.codeVerifier,
    scope: r.scope,
    ...(await auth(r.tokenEndpoint, http.clock.now())),
  });
  let res: Awaited<ReturnType<HttpClient['request']>>;
  try {
    res = await http.request({
      method: 'POST',
      url: r.tokenEndpoint,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      // A code is single use: a repeat after a lost answer would only be refused as redeemed.
      idempotent: false,
      acceptStatus: 'all',
    });
  } catch (e) {
    throw new SignInFailedError('cannot reach the token endpoint of Entra ID', {}, { cause: e });
  }
  const body = tryJson(res);
  if (res.status === 200) {
    const ok = tokenAnswerSchema.safeParse(body);
    if (ok.success) return ok.data.id_token;
    throw new SignInFailedError(
      'the token endpoint answered without an ID token',
      { status: 200 },
      { retryable: false },
    );
  }
  const err = tokenErrorSchema.safeParse(body);
  if (res.status >= 400 && res.status < 500 && res.status !== 429 && err.success) {
    const description = firstLine(err.data.error_description);
    throw new SignInRefusedError(
      errors.CODE_REJECTED,
      `Entra refused the sign-in code: ${err.data.error}${description ? `, ${description}` : ''}`,
      {
        aadsts: aadstsOf(err.data.error_description, err.data.error_codes),
        oauthError: err.data.error,
        description,
        status: res.status,
      },
      { httpStatus: 400 },
    );
  }
  throw new SignInFailedError(`the token endpoint answered ${res.status}`, {
    status: res.status,
    ...(err.success
      ? { oauthError: err.data.error, aadsts: aadstsOf(err.data.error_description, err.data.error_codes) }
      : {}),
  });
}

/** Entra's descriptions end with trace and correlation ids on further lines; the first says why. */
export function firstLine(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const line = (s.split(/\r?\n/, 1)[0] ?? '').slice(0, 500).trim();
  return line === '' ? undefined : line;
}
