// Checks an ID token before anyone is signed in with it: RS256 only, a key of the tenant's key set,
// issuer, audience, tenant, lifetime with a small leeway, and the nonce of this flow. jose checks the
// signature and the registered claims; the rest is checked here.
// https://learn.microsoft.com/entra/identity-platform/id-tokens#validate-tokens
import { timingSafeEqual } from 'node:crypto';
import { decodeProtectedHeader, errors as jose, jwtVerify } from 'jose';
import { errors, SignInRefusedError } from './errors.js';
import type { TrustedMetadata } from './resources/metadata.js';
import type { SigningKeys } from './resources/keys.js';
import { type IdTokenClaims, idTokenClaimsSchema } from './schemas.js';

export interface IdTokenCheck {
  metadata: TrustedMetadata;
  keys: SigningKeys;
  clientId: string;
  nonce: string;
  clockToleranceSec: number;
  now: number;
}

const invalid = (check: string, message: string, cause?: unknown) =>
  new SignInRefusedError(
    errors.ID_TOKEN_INVALID,
    `the ID token was refused: ${message}`,
    { check },
    { cause },
  );

export async function verifyIdToken(token: string, c: IdTokenCheck): Promise<IdTokenClaims> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch (e) {
    throw invalid('format', 'not a signed JWT', e);
  }
  // Pinned: `none`, HS256 (with the public key as a secret) and every other algorithm are refused
  // before any key is looked up.
  if (header.alg !== 'RS256') throw invalid('alg', `algorithm ${String(header.alg)} is not RS256`);
  if (typeof header.kid !== 'string' || header.kid.length === 0 || header.kid.length > 256)
    throw invalid('kid', 'no key id');
  const key = await c.keys.key(c.metadata.jwks_uri, header.kid, c.now);
  if (!key) throw invalid('kid', 'signed with a key the tenant does not publish');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ['RS256'],
      issuer: c.metadata.expectedIssuer,
      audience: c.clientId,
      clockTolerance: c.clockToleranceSec,
      currentDate: new Date(c.now),
      requiredClaims: ['exp', 'iat', 'nbf', 'iss', 'aud', 'nonce', 'tid', 'oid'],
      maxTokenAge: '1 day',
    }));
  } catch (e) {
    if (e instanceof jose.JWTExpired) throw invalid('exp', 'it has expired', e);
    if (e instanceof jose.JWTClaimValidationFailed)
      throw invalid(e.claim, `claim ${e.claim} is not valid`, e);
    if (e instanceof jose.JWSSignatureVerificationFailed)
      throw invalid('signature', 'the signature does not verify', e);
    throw invalid('jws', 'it cannot be verified', e);
  }
  const parsed = idTokenClaimsSchema.safeParse(payload);
  if (!parsed.success) throw invalid('claims', 'its oid, tid or nonce claims are malformed', parsed.error);
  const claims = parsed.data;
  if (claims.tid !== c.metadata.tenantGuid) throw invalid('tid', 'it was issued for another tenant');
  if (!sameString(claims.nonce, c.nonce)) throw invalid('nonce', 'its nonce is not the one of this sign-in');
  return claims;
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
