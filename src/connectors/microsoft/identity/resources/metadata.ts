// The authority's OpenID metadata, fetched once through platform/http and handed to msal-node as
// authorityMetadata + cloudDiscoveryMetadata, so msal never contacts login.microsoftonline.com for
// instance discovery and works offline against an emulator or a national cloud.
import { type HttpClient, HttpStatusError, HttpTransportError } from '../../../../platform/http/index.js';
import { errors, IdentityFailedError, type IdentityErrorFields, IdentityRejectedError } from '../errors.js';
import { openIdConfigurationSchema } from '../schemas.js';

export interface AuthorityMetadata {
  authorityMetadata: string;
  cloudDiscoveryMetadata: string;
}

export async function loadAuthorityMetadata(
  http: HttpClient,
  authorityHost: string,
  tenantId: string,
  fields: IdentityErrorFields,
): Promise<AuthorityMetadata> {
  const url = `${authorityHost}/${encodeURIComponent(tenantId)}/v2.0/.well-known/openid-configuration`;
  let config: unknown;
  try {
    config = await http.json({ url }, openIdConfigurationSchema);
  } catch (e) {
    // Entra's own refusal (an unknown or malformed tenant: invalid_tenant, AADSTS90002) is the
    // configuration's to fix, as a refused credential is; keep its AADSTS code and description.
    if (e instanceof HttpStatusError && e.status < 500 && e.status !== 429 && e.remoteCode) {
      const aadsts = /AADSTS\d+/.exec(e.remoteMessage ?? '')?.[0];
      throw new IdentityRejectedError(
        `Entra refused tenant ${tenantId} at ${authorityHost}: ${e.remoteCode}${e.remoteMessage ? `, ${e.remoteMessage}` : ''}`,
        {
          ...fields,
          ...(aadsts ? { aadsts } : {}),
          oauthError: e.remoteCode,
          ...(e.remoteMessage ? { description: e.remoteMessage } : {}),
          status: e.status,
        },
        e,
      );
    }
    const why = e instanceof HttpStatusError || e instanceof HttpTransportError ? e.message : String(e);
    throw new IdentityFailedError(
      errors.METADATA_FAILED,
      `cannot load OpenID metadata of tenant ${tenantId}: ${why}`,
      fields,
      {
        cause: e,
        retryable: !(e instanceof HttpStatusError && e.status < 500 && e.status !== 429),
      },
    );
  }
  const host = new URL(authorityHost).host;
  const discovery = {
    tenant_discovery_endpoint: url,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
  return { authorityMetadata: JSON.stringify(config), cloudDiscoveryMetadata: JSON.stringify(discovery) };
}
