// The tenant's OpenID metadata: fetched from the authority host, checked to name only that host for
// the endpoints and the key set (a tampered or proxied document cannot send the code or the key
// lookup elsewhere), and its issuer resolved to the tenant's GUID.
// https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc#find-your-apps-openid-configuration-document-uri
import { type HttpClient, HttpStatusError } from '../../../../platform/http/index.js';
import { aadstsOf, errors, SignInFailedError, SignInRefusedError } from '../errors.js';
import { metadataSchema, type OpenIdMetadata } from '../schemas.js';

export interface TrustedMetadata extends OpenIdMetadata {
  /** The issuer with the tenant filled in: what an ID token's `iss` must be. */
  expectedIssuer: string;
  /** The tenant's GUID (the configured tenantId may be a domain name). */
  tenantGuid: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function metadataUrl(authorityHost: string, tenantId: string): string {
  return `${authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/v2.0/.well-known/openid-configuration`;
}

export async function fetchMetadata(
  http: HttpClient,
  authorityHost: string,
  tenantId: string,
): Promise<TrustedMetadata> {
  let doc: OpenIdMetadata;
  try {
    doc = await http.json({ url: metadataUrl(authorityHost, tenantId) }, metadataSchema);
  } catch (e) {
    if (e instanceof HttpStatusError && e.status < 500 && e.status !== 429) {
      throw new SignInRefusedError(
        errors.UNTRUSTED_METADATA,
        `Entra refused the metadata of tenant ${tenantId}: ${e.remoteCode ?? e.status}`,
        { oauthError: e.remoteCode, aadsts: aadstsOf(e.remoteMessage), status: e.status },
        { httpStatus: 502, cause: e },
      );
    }
    throw new SignInFailedError(`cannot load the OpenID metadata of tenant ${tenantId}`, {}, { cause: e });
  }
  return trust(doc, authorityHost, tenantId);
}

/** Checks the document against the authority host and the tenant; the issuer names the tenant GUID. */
export function trust(doc: OpenIdMetadata, authorityHost: string, tenantId: string): TrustedMetadata {
  const host = new URL(authorityHost).host.toLowerCase();
  const refuse = (why: string) =>
    new SignInRefusedError(
      errors.UNTRUSTED_METADATA,
      `the OpenID metadata of tenant ${tenantId} ${why}`,
      {},
      {
        httpStatus: 502,
      },
    );
  for (const key of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
    const u = new URL(doc[key]);
    if (u.protocol !== 'https:' || u.host.toLowerCase() !== host)
      throw refuse(`names ${key} on ${u.host}, not the authority host ${host}`);
  }
  // v2.0 issuers are `https://{authority}/{tenant GUID}/v2.0`; a multi-tenant document says `{tenantid}`.
  const configuredGuid = GUID.test(tenantId) ? tenantId.toLowerCase() : undefined;
  let issuer = doc.issuer;
  if (issuer.includes('{tenantid}')) {
    if (!configuredGuid) throw refuse('is a multi-tenant document; configure the tenant by its GUID');
    issuer = issuer.replace('{tenantid}', configuredGuid);
  }
  let issuerUrl: URL;
  try {
    issuerUrl = new URL(issuer);
  } catch {
    throw refuse('has an issuer that is not a URL');
  }
  const segment = issuerUrl.pathname.split('/').filter(Boolean)[0] ?? '';
  if (issuerUrl.host.toLowerCase() !== host || !GUID.test(segment))
    throw refuse(`has issuer ${issuer}, not one of the authority host with a tenant GUID`);
  const tenantGuid = segment.toLowerCase();
  if (configuredGuid && configuredGuid !== tenantGuid) throw refuse(`names another tenant (${tenantGuid})`);
  return { ...doc, expectedIssuer: issuer, tenantGuid };
}
