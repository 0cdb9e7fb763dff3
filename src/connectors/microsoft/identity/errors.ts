// Error catalogue of the Entra ID identity connector and the mapping from msal-node errors.
// Entra's AADSTS code and description are kept; the client secret never appears in a message.
import { CallerError, type ErrorCatalogue, RemoteError } from '../../../platform/errors.js';
import { remoteErrorParser } from '../../../platform/http/index.js';
import { tokenErrorSchema } from './schemas.js';

export const errors = {
  TOKEN_FAILED: {
    code: 'GSOC_IDENTITY_TOKEN_FAILED',
    actor: 'remote',
    summary:
      'No access token could be obtained from Entra ID (network failure, throttling or an Entra outage).',
    fix: 'Usually transient; the message names the authority host and the cause. Check network access to it.',
  },
  CREDENTIALS_REJECTED: {
    code: 'GSOC_IDENTITY_CREDENTIALS_REJECTED',
    actor: 'caller',
    summary:
      'Entra ID refused the app credentials or request (AADSTS code in the message), e.g. a wrong or expired secret.',
    fix: 'Look up the AADSTS code; check tenantId, clientId, the secret value (not its id) or the certificate registered on the app.',
  },
  CERTIFICATE_INVALID: {
    code: 'GSOC_IDENTITY_CERTIFICATE_INVALID',
    actor: 'caller',
    summary:
      'The certificate PEM file cannot be read, holds no usable private key, or does not match certificateThumbprint.',
    fix: 'Point certificatePath at an unencrypted PEM with the private key (and ideally the certificate); check the thumbprint.',
  },
  METADATA_FAILED: {
    code: 'GSOC_IDENTITY_METADATA_FAILED',
    actor: 'remote',
    summary: 'The OpenID metadata of the authority could not be loaded or is not the documented shape.',
    fix: 'Check authorityHost (national clouds use their own host) and the tenantId.',
  },
} as const satisfies ErrorCatalogue;

/** Reads Entra's OAuth error body, e.g. `invalid_tenant` and AADSTS90002 for an unknown tenant's metadata. */
export const parseEntraError = remoteErrorParser(tokenErrorSchema, (b) => ({
  code: b.error,
  message: b.error_description,
}));

export interface IdentityErrorFields {
  tenantId: string;
  clientId: string;
  authorityHost: string;
  /** e.g. AADSTS7000215 */
  aadsts?: string;
  /** OAuth error, e.g. invalid_client */
  oauthError?: string;
  description?: string;
  correlationId?: string;
  status?: number;
}

function detailsOf(f: IdentityErrorFields): Record<string, unknown> {
  const d: Record<string, unknown> = {
    tenantId: f.tenantId,
    clientId: f.clientId,
    authorityHost: f.authorityHost,
  };
  for (const k of ['aadsts', 'oauthError', 'correlationId', 'status'] as const)
    if (f[k] !== undefined) d[k] = f[k];
  return d;
}

export class IdentityRejectedError extends CallerError {
  readonly aadsts: string | undefined;
  readonly oauthError: string | undefined;
  readonly description: string | undefined;
  constructor(message: string, fields: IdentityErrorFields, cause?: unknown) {
    super(errors.CREDENTIALS_REJECTED.code, message, { cause, details: detailsOf(fields), httpStatus: 502 });
    this.aadsts = fields.aadsts;
    this.oauthError = fields.oauthError;
    this.description = fields.description;
  }
}

export class IdentityFailedError extends RemoteError {
  readonly aadsts: string | undefined;
  readonly oauthError: string | undefined;
  constructor(
    spec: { code: string },
    message: string,
    fields: IdentityErrorFields,
    opts: { cause?: unknown; retryable?: boolean } = {},
  ) {
    super(spec.code, message, {
      cause: opts.cause,
      retryable: opts.retryable ?? true,
      details: detailsOf(fields),
    });
    this.aadsts = fields.aadsts;
    this.oauthError = fields.oauthError;
  }
}

export class CertificateError extends CallerError {
  constructor(message: string, cause?: unknown) {
    super(errors.CERTIFICATE_INVALID.code, message, { cause });
  }
}

/** Replaces each secret value in `text` (raw and URL-encoded) with [redacted]. */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('[redacted]');
  }
  return out;
}
