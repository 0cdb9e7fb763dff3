// Error catalogue of console sign-in with Entra ID: the AADSTS error replies on the redirect, the code
// redemption, the ID token checks and the role mapping. Entra's AADSTS code is kept in `details`.
import { CallerError, type ErrorCatalogue, RemoteError } from '../../../platform/errors.js';

export const errors = {
  DECLINED: {
    code: 'GSOC_SIGNIN_DECLINED',
    actor: 'caller',
    summary:
      'Entra ID sent the person back without signing in: they cancelled, or declined consent (access_denied, e.g. AADSTS65004).',
    fix: 'Sign in again and accept; if consent is needed, an administrator grants it for the app registration.',
  },
  INTERACTION_REQUIRED: {
    code: 'GSOC_SIGNIN_INTERACTION_REQUIRED',
    actor: 'caller',
    summary:
      'Entra ID needs the person to do something first (login_required, interaction_required, consent_required; e.g. AADSTS50058, AADSTS50076 for MFA).',
    fix: 'Start the sign-in again from the console and finish what Entra asks for.',
  },
  ENTRA_REFUSED: {
    code: 'GSOC_SIGNIN_ENTRA_REFUSED',
    actor: 'caller',
    summary:
      'Entra ID refused the sign-in and said why with an AADSTS code (unknown user, disabled account, a redirect URI or scope the app registration does not allow).',
    fix: 'Look up the AADSTS code in the message (https://learn.microsoft.com/entra/identity-platform/reference-error-codes); check the app registration against docs/console.md.',
  },
  CODE_REJECTED: {
    code: 'GSOC_SIGNIN_CODE_REJECTED',
    actor: 'caller',
    summary:
      'The token endpoint refused to redeem the sign-in code (expired, already used, PKCE verifier or redirect URI mismatch, or the app credential was refused).',
    fix: 'Sign in again; if it keeps failing, the AADSTS code in the message names the cause (a wrong secret or certificate is AADSTS7000215/700027).',
  },
  TOKEN_FAILED: {
    code: 'GSOC_SIGNIN_TOKEN_FAILED',
    actor: 'remote',
    summary:
      'Entra ID could not be reached, or answered the code redemption, OpenID metadata or key request with an error or an unexpected body.',
    fix: 'Usually transient; check network access to the authority host (tenants[].authorityHost) and try again.',
  },
  ID_TOKEN_INVALID: {
    code: 'GSOC_SIGNIN_ID_TOKEN_INVALID',
    actor: 'caller',
    summary:
      'The ID token failed a check: signature or algorithm, issuer, audience, tenant, lifetime or nonce. The sign-in was refused.',
    fix: 'Sign in again; if it persists, check the clocks and that console.entra.clientId and the tenant are those of the app registration.',
  },
  UNTRUSTED_METADATA: {
    code: 'GSOC_SIGNIN_UNTRUSTED_METADATA',
    actor: 'caller',
    summary:
      "The authority's OpenID metadata names endpoints or a key set on a host other than the authority host, or an issuer of another tenant.",
    fix: 'Check tenants[].authorityHost and tenantId; a proxy must not rewrite the metadata.',
  },
  NO_ROLE: {
    code: 'GSOC_SIGNIN_NO_ROLE',
    actor: 'caller',
    summary:
      'The person signed in, but the ID token carries no app role or group the console maps to a role (viewer, analyst, admin).',
    fix: 'Assign one of the app roles (graphsoc.viewer/analyst/admin by default) to the person or to a group they are in, in Enterprise applications; groups past the token limit (overage) are not looked up.',
  },
} as const satisfies ErrorCatalogue;

/** What a sign-in error keeps of Entra's answer. */
export interface SignInErrorFields {
  /** `AADSTS50058` */
  aadsts?: string | undefined;
  oauthError?: string | undefined;
  description?: string | undefined;
  status?: number | undefined;
  /** Which ID token check failed, for the log (never shown beyond the code). */
  check?: string | undefined;
}

const clean = (f: SignInErrorFields) =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Record<string, unknown>;

/** A refusal the person or the configuration must act on: Entra's error reply, a bad token, no role. */
export class SignInRefusedError extends CallerError {
  readonly fields: SignInErrorFields;
  constructor(
    spec: { code: string },
    message: string,
    fields: SignInErrorFields = {},
    opts: { httpStatus?: number; cause?: unknown } = {},
  ) {
    super(spec.code, message, {
      httpStatus: opts.httpStatus ?? 400,
      details: clean(fields),
      cause: opts.cause,
    });
    this.fields = fields;
  }
}

/** Entra could not be reached or answered unusably. */
export class SignInFailedError extends RemoteError {
  readonly fields: SignInErrorFields;
  constructor(
    message: string,
    fields: SignInErrorFields = {},
    opts: { cause?: unknown; retryable?: boolean } = {},
  ) {
    super(errors.TOKEN_FAILED.code, message, {
      details: clean(fields),
      cause: opts.cause,
      retryable: opts.retryable ?? true,
    });
    this.fields = fields;
  }
}

/** The AADSTS code in an Entra description (`AADSTS50058: ...`), or the first of `error_codes`. */
export function aadstsOf(description: string | undefined, codes?: readonly number[]): string | undefined {
  const first = codes?.[0];
  if (first !== undefined) return `AADSTS${first}`;
  const m = /AADSTS(\d{1,9})/.exec((description ?? '').slice(0, 2000));
  return m ? `AADSTS${m[1]}` : undefined;
}
