// Verifies a certificate client assertion (RFC 7523 JWT) the way Entra ID does for client credentials.
// https://learn.microsoft.com/entra/identity-platform/certificate-credentials
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { type AadstsError, aadsts } from './aadsts-errors.js';
import type { AppRecord } from '../directory/state.js';

/** Entra accepts assertions whose nbf/exp are off by up to five minutes. */
const CLOCK_SKEW_SEC = 300;

export interface AssertionContext {
  clientId: string;
  /** True when `aud` names this tenant's token endpoint. */
  isValidAudience(aud: string): boolean;
}

export async function verifyClientAssertion(
  assertion: string,
  app: AppRecord,
  ctx: AssertionContext,
): Promise<AadstsError | undefined> {
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(assertion) as Record<string, unknown>;
    claims = decodeJwt(assertion) as Record<string, unknown>;
  } catch {
    return aadsts.assertionInvalid('Token format not valid.');
  }
  const alg = header.alg;
  if (alg !== 'RS256' && alg !== 'PS256') {
    return aadsts.assertionInvalid(`Unsupported signing algorithm '${String(alg)}'.`);
  }
  const x5tS256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
  const x5t = typeof header.x5t === 'string' ? header.x5t : undefined;
  const cert = app.certs.find(
    (c) => (x5tS256 !== undefined && c.x5tS256 === x5tS256) || (x5t !== undefined && c.x5t === x5t),
  );
  if (!cert) {
    const thumb = Buffer.from(x5tS256 ?? x5t ?? '', 'base64url')
      .toString('hex')
      .toUpperCase();
    return aadsts.assertionBadSignature(
      ctx.clientId,
      `The key was not found., Thumbprint of key used by client: '${thumb}'`,
    );
  }
  try {
    await jwtVerify(assertion, cert.publicKey, {
      algorithms: [alg],
      clockTolerance: CLOCK_SKEW_SEC,
      requiredClaims: ['exp', 'aud', 'iss', 'sub', 'jti'],
    });
  } catch (error) {
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
      return aadsts.assertionBadSignature(
        ctx.clientId,
        'The provided signature value did not match the expected signature value.',
      );
    }
    if (error instanceof joseErrors.JWTExpired) return aadsts.assertionExpired(timeDetail(claims));
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      if (error.claim === 'nbf' || error.claim === 'iat') return aadsts.assertionExpired(timeDetail(claims));
      return aadsts.assertionInvalid(`The '${error.claim}' claim is missing or not valid.`);
    }
    return aadsts.assertionInvalid('Token format not valid.');
  }
  if (claims.iss !== ctx.clientId || claims.sub !== ctx.clientId) return aadsts.assertionClientMismatch();
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.some((a) => typeof a === 'string' && ctx.isValidAudience(a))) {
    return aadsts.assertionInvalid(
      `The audience claim value '${String(claims.aud)}' is not this tenant's token endpoint.`,
    );
  }
  return undefined;
}

function timeDetail(claims: Record<string, unknown>): string {
  const iso = (v: unknown) => (typeof v === 'number' ? new Date(v * 1000).toISOString() : 'unknown');
  return `Current time: ${new Date().toISOString()}, assertion valid from ${iso(claims.nbf)}, expiry time of assertion ${iso(claims.exp)}.`;
}
