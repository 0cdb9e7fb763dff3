// How the code redemption proves the app: the tenant's client secret, or a certificate assertion
// (RFC 7523) signed with the key the identity connector loads for the same tenant.
// https://learn.microsoft.com/entra/identity-platform/certificate-credentials
import { createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { TenantConfig } from '../../../platform/config/tenant.js';
import { loadCredential } from '../identity/index.js';

/** An assertion lives this long; Entra only needs it for the one request. */
const ASSERTION_LIFETIME_SEC = 300;

export type ClientAuthFields = (tokenEndpoint: string, nowMs: number) => Promise<Record<string, string>>;

/** The form fields that authenticate the app at the token endpoint. */
export function clientAuthFor(tenant: TenantConfig, clientId: string): ClientAuthFields {
  const credential = loadCredential(tenant);
  if (credential.kind === 'secret') {
    const secret = credential.clientSecret ?? '';
    return async () => ({ client_secret: secret });
  }
  const cert = credential.clientCertificate;
  if (!cert) return async () => ({});
  const key = createPrivateKey(cert.privateKey);
  // With the certificate at hand Entra takes PS256 and its SHA-256 thumbprint; with the key alone,
  // RS256 and the SHA-1 thumbprint the portal shows (what msal-node sends in either case).
  const sha256 = cert.thumbprintSha256;
  const header = sha256
    ? {
        alg: 'PS256',
        typ: 'JWT',
        'x5t#S256': hexToB64u(sha256),
        ...(cert.x5c ? { x5c: x5cOf(cert.x5c) } : {}),
      }
    : { alg: 'RS256', typ: 'JWT', x5t: hexToB64u(cert.thumbprint ?? '') };
  return async (tokenEndpoint, nowMs) => {
    const now = Math.floor(nowMs / 1000);
    const assertion = await new SignJWT({ jti: randomUUID() })
      .setProtectedHeader(header)
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(tokenEndpoint)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + ASSERTION_LIFETIME_SEC)
      .sign(key);
    return {
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    };
  };
}

const hexToB64u = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');

/** The PEM chain as the x5c header's base64 DER strings. */
function x5cOf(pem: string): string[] {
  return pem
    .split('-----END CERTIFICATE-----')
    .map((b) => b.replace('-----BEGIN CERTIFICATE-----', '').replace(/\s+/g, ''))
    .filter((b) => b.length > 0);
}
