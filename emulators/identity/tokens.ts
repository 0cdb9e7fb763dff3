// The emulator's token signing key, its JWKS, and issuing / verifying app-only access tokens (v1.0 shape).
import { createPrivateKey, createPublicKey, type KeyObject, randomBytes } from 'node:crypto';
import { errors as joseErrors, exportJWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { guidFromName, newGuid } from '../shared/ids.js';
import { certificateThumbprints, createSelfSignedCertificate } from '../shared/tls.js';

/** Resource identifiers accepted in `scope`, mapped to the role set they read from an app registration. */
export const RESOURCES: Record<string, 'graph' | 'management' | 'defender'> = {
  'https://graph.microsoft.com': 'graph',
  '00000003-0000-0000-c000-000000000000': 'graph',
  'https://management.azure.com': 'management',
  'https://management.core.windows.net': 'management',
  '797f4846-ba00-4fd7-ba43-dac1f8f63013': 'management',
  'https://api.securitycenter.microsoft.com': 'defender',
  'https://api.security.microsoft.com': 'defender',
  'fc780465-2017-40d4-a0c5-307022471b92': 'defender',
};

export interface AccessTokenInput {
  tenantId: string;
  clientId: string;
  appDisplayName?: string | undefined;
  resource: string;
  roles: string[];
  lifetimeSec: number;
  /** 1 = secret, 2 = certificate. */
  appidacr?: '1' | '2';
  /** Shifts iat/nbf/exp, for tokens that are already expired or not yet valid. */
  offsetSec?: number;
}

export interface AccessClaims extends JWTPayload {
  tid: string;
  appid: string;
  roles?: string[];
}

export type VerifyFailure = 'expired' | 'invalid';

export class TokenSigner {
  readonly kid: string;
  readonly certPem: string;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly x5c: string;
  /** Verified tokens, so benchmarks don't pay an RSA verify per request. */
  private readonly cache = new Map<string, AccessClaims>();

  constructor() {
    const { certPem, keyPem } = createSelfSignedCertificate('graphsoc emulator token signing');
    const t = certificateThumbprints(certPem);
    this.certPem = certPem;
    this.kid = t.x5t; // Entra uses the SHA-1 thumbprint as kid and x5t.
    this.x5c = t.der.toString('base64');
    this.privateKey = createPrivateKey(keyPem);
    this.publicKey = createPublicKey(certPem);
  }

  async jwks(issuer?: string): Promise<{ keys: Array<Record<string, unknown>> }> {
    const jwk = await exportJWK(this.publicKey);
    return {
      keys: [
        {
          kty: 'RSA',
          use: 'sig',
          kid: this.kid,
          x5t: this.kid,
          n: jwk.n,
          e: jwk.e,
          x5c: [this.x5c],
          ...(issuer ? { issuer } : {}),
        },
      ],
    };
  }

  async issue(input: AccessTokenInput): Promise<string> {
    const now = Math.floor(Date.now() / 1000) + (input.offsetSec ?? 0);
    const oid = guidFromName(`sp:${input.tenantId}:${input.clientId}`);
    const iss = `https://sts.windows.net/${input.tenantId}/`;
    const payload: Record<string, unknown> = {
      aud: input.resource,
      iss,
      iat: now,
      nbf: now,
      exp: now + input.lifetimeSec,
      aio: randomBytes(24).toString('base64url'),
      app_displayname: input.appDisplayName,
      appid: input.clientId,
      appidacr: input.appidacr ?? '1',
      azp: input.clientId,
      idp: iss,
      idtyp: 'app',
      oid,
      rh: `0.${randomBytes(16).toString('base64url')}.`,
      sub: oid,
      tid: input.tenantId,
      uti: randomBytes(16).toString('base64url'),
      ver: '1.0',
      xms_tidid: newGuid(),
    };
    if (input.roles.length > 0) payload.roles = input.roles;
    return new SignJWT(payload)
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256', x5t: this.kid, kid: this.kid })
      .sign(this.privateKey);
  }

  /** Signs a claim set as issued (ID tokens and delegated access tokens build their own claims). */
  sign(payload: Record<string, unknown>, header: { x5t?: boolean } = {}): Promise<string> {
    return new SignJWT(payload)
      .setProtectedHeader({
        typ: 'JWT',
        alg: 'RS256',
        ...(header.x5t ? { x5t: this.kid } : {}),
        kid: this.kid,
      })
      .sign(this.privateKey);
  }

  /** Verifies signature and lifetime of a token this emulator issued. */
  async verify(token: string): Promise<{ claims: AccessClaims } | { failure: VerifyFailure }> {
    const cached = this.cache.get(token);
    if (cached) return lifetimeOk(cached) ? { claims: cached } : { failure: 'expired' };
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { algorithms: ['RS256'] });
      const claims = payload as AccessClaims;
      if (typeof claims.tid !== 'string' || typeof claims.appid !== 'string') return { failure: 'invalid' };
      if (this.cache.size > 5000) this.cache.clear();
      this.cache.set(token, claims);
      return { claims };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired || error instanceof joseErrors.JWTClaimValidationFailed) {
        return { failure: 'expired' };
      }
      return { failure: 'invalid' };
    }
  }
}

function lifetimeOk(claims: AccessClaims): boolean {
  const now = Math.floor(Date.now() / 1000);
  return (claims.exp ?? 0) > now && (claims.nbf ?? 0) <= now;
}
