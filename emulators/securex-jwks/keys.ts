// The signing keys of the emulated Threat Response region: RSA key pairs with a kid, published as a
// JWKS and used to sign configuration tokens as Threat Response does for a module instance.
import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { exportJWK, type JWK, SignJWT } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: JWK;
}

export async function newSigningKey(kid?: string): Promise<SigningKey> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  // Threat Response kids look like upper-case hex digests.
  const id = kid ?? randomBytes(20).toString('hex').toUpperCase();
  const jwk = { ...(await exportJWK(publicKey)), kid: id, alg: 'RS256', use: 'sig' };
  return { kid: id, privateKey, jwk };
}

export interface TokenRequest {
  /** The relay's URL as configured in the module instance (becomes `aud`). */
  audience: string;
  /** The module's settings (`custom_<claim>` fields) as claims, e.g. tenant_id, client_secret. */
  claims: Record<string, unknown>;
  /** Seconds until `exp`; negative for an expired token. Omit `exp` entirely with null. */
  expiresInSec?: number | null;
  kid?: string;
}

export async function signConfigurationToken(
  key: SigningKey,
  jwksHost: string,
  req: TokenRequest,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ...req.claims, jwks_host: jwksHost })
    .setProtectedHeader({ alg: 'RS256', kid: req.kid ?? key.kid, typ: 'JWT' })
    .setAudience(req.audience)
    .setIssuedAt(now);
  const expires = req.expiresInSec === undefined ? 3600 : req.expiresInSec;
  if (expires !== null) jwt.setExpirationTime(now + expires);
  return jwt.sign(key.privateKey);
}
