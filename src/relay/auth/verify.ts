// Verifies a Threat Response configuration token: RS256 with the key named by `kid` from the JWKS
// of an allow-listed `jwks_host`, or HS256 with a configured secret (legacy relays). Algorithms are
// pinned, `exp` is required, the audience is this relay's public URL. Each failure gets the seeds'
// message so analysts see what they already know (reference/relay.md §2.4, §3).
import { decodeJwt, decodeProtectedHeader, errors as jose, jwtVerify, type JWTPayload } from 'jose';
import { AUTH_MESSAGES, authError, type RelayError } from '../protocol/relay-error.js';
import type { JwksCache } from './jwks.js';
import type { VerifiedTokens } from './verified-tokens.js';

export interface VerifyOptions {
  jwks: JwksCache;
  /** Accepted `aud` values: the relay's public URL (and the module's URL when mounted under a prefix). */
  audiences: readonly string[];
  clockToleranceSec: number;
  /** HS256 secret of legacy deployments; HS256 tokens are refused without it. */
  hs256Secret?: string | undefined;
  /** Legacy tokens made by the seeds' generator often carry no `exp`. */
  hs256RequireExp?: boolean;
  /** Tokens verified recently, skipped past the signature check while they stay valid. */
  verified?: VerifiedTokens;
}

export async function verifyRelayToken(token: string, o: VerifyOptions): Promise<JWTPayload> {
  const known = o.verified?.get(token, o.audiences);
  if (known) return known;
  const payload = await verifyAnew(token, o);
  o.verified?.set(token, o.audiences, payload, o.clockToleranceSec);
  return payload;
}

async function verifyAnew(token: string, o: VerifyOptions): Promise<JWTPayload> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  let unverified: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    unverified = decodeJwt(token);
  } catch (e) {
    throw authError(AUTH_MESSAGES.WRONG_JWT_STRUCTURE, e);
  }
  if (header.alg === 'HS256') return verifyHs256(token, o);
  if (header.alg !== 'RS256')
    throw authError(`${AUTH_MESSAGES.ALGORITHM} ${JSON.stringify(String(header.alg ?? ''))}`);

  const host = unverified.jwks_host;
  if (typeof host !== 'string' || host.trim() === '') throw authError(AUTH_MESSAGES.JWKS_HOST_MISSING);
  if (!o.jwks.isAllowed(host)) throw authError(AUTH_MESSAGES.JWKS_HOST_NOT_ALLOWED);
  if (typeof header.kid !== 'string' || header.kid === '') throw authError(AUTH_MESSAGES.KID_NOT_FOUND);
  const found = await o.jwks.key(host, header.kid);
  if (!found.ok) {
    throw authError(
      found.reason === 'kid-not-found' ? AUTH_MESSAGES.KID_NOT_FOUND : AUTH_MESSAGES.WRONG_JWKS_HOST,
      found.cause,
    );
  }
  try {
    const { payload } = await jwtVerify(token, found.key, {
      algorithms: ['RS256'],
      audience: [...o.audiences],
      clockTolerance: o.clockToleranceSec,
      requiredClaims: ['exp', 'aud'],
    });
    return payload;
  } catch (e) {
    throw mapJoseError(e);
  }
}

async function verifyHs256(token: string, o: VerifyOptions): Promise<JWTPayload> {
  if (!o.hs256Secret) throw authError(AUTH_MESSAGES.ALGORITHM);
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(o.hs256Secret), {
      algorithms: ['HS256'],
      clockTolerance: o.clockToleranceSec,
      requiredClaims: o.hs256RequireExp === false ? [] : ['exp'],
    });
    return payload;
  } catch (e) {
    throw mapJoseError(e);
  }
}

function mapJoseError(e: unknown): RelayError {
  if (e instanceof jose.JWTExpired) return authError(AUTH_MESSAGES.EXPIRED, e);
  if (e instanceof jose.JWTClaimValidationFailed) {
    if (e.claim === 'aud') return authError(AUTH_MESSAGES.WRONG_AUDIENCE, e);
    if (e.claim === 'exp') return authError(AUTH_MESSAGES.EXP_MISSING, e);
    if (e.claim === 'nbf') return authError(AUTH_MESSAGES.NOT_YET_VALID, e);
    return authError(AUTH_MESSAGES.WRONG_PAYLOAD_STRUCTURE, e);
  }
  if (e instanceof jose.JWSSignatureVerificationFailed) return authError(AUTH_MESSAGES.WRONG_KEY, e);
  if (e instanceof jose.JOSEAlgNotAllowed) return authError(AUTH_MESSAGES.ALGORITHM, e);
  return authError(AUTH_MESSAGES.WRONG_JWT_STRUCTURE, e);
}
