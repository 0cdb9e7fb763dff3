// Makes configuration tokens for a module's settings, as the seeds' JWT generator does: HS256 with
// the relay's shared secret (legacy), or RS256 with your own key and a JWKS you publish.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { exportJWK, importPKCS8, SignJWT } from 'jose';

export interface TokenSettings {
  claims: Record<string, unknown>;
  audience: string;
  expiresInSec: number;
}

export async function signHs256(secret: string, s: TokenSettings): Promise<string> {
  return new SignJWT(s.claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setAudience(s.audience)
    .setIssuedAt()
    .setExpirationTime(`${s.expiresInSec}s`)
    .sign(new TextEncoder().encode(secret));
}

export async function signRs256(
  privateKeyPem: string,
  kid: string,
  jwksHost: string,
  s: TokenSettings,
): Promise<string> {
  const key = await importPKCS8(privateKeyPem, 'RS256');
  return new SignJWT({ ...s.claims, jwks_host: jwksHost })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setAudience(s.audience)
    .setIssuedAt()
    .setExpirationTime(`${s.expiresInSec}s`)
    .sign(key);
}

/** A new RSA key pair: the private key (PKCS#8 PEM) and the JWKS to publish at /.well-known/jwks. */
export async function newKeyPair(): Promise<{
  kid: string;
  privateKeyPem: string;
  jwks: { keys: unknown[] };
}> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(20).toString('hex').toUpperCase();
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    kid,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    jwks: { keys: [jwk] },
  };
}

/** A random secret for `relay.hs256Secret`. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** `30d`, `12h`, `3600` (seconds) → seconds. */
export function parseDuration(v: string): number {
  const m = /^(\d+)\s*([smhd]?)$/.exec(v.trim());
  if (!m) throw new Error(`expected a duration such as 3600, 12h or 30d, found "${v}"`);
  const n = Number(m[1]);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  if (n <= 0) throw new Error(`expected a positive duration, found "${v}"`);
  return n * unit;
}
