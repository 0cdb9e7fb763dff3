// zod shapes of the Entra ID payloads this connector reads itself (msal-node reads the token answer).
import { z } from 'zod';

/**
 * OpenID Connect discovery document of a tenant, the fields msal-node needs as `authorityMetadata`.
 * @link https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc#find-your-apps-openid-configuration-document-uri
 */
export const openIdConfigurationSchema = z.looseObject({
  token_endpoint: z.url(),
  authorization_endpoint: z.url(),
  issuer: z.string().min(1),
  jwks_uri: z.url(),
  end_session_endpoint: z.url().optional(),
});
export type OpenIdConfiguration = z.infer<typeof openIdConfigurationSchema>;

/**
 * OAuth error body of the token endpoint (what msal-node surfaces as ServerError).
 * @link https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 */
export const tokenErrorSchema = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
  error_codes: z.array(z.number()).optional(),
  trace_id: z.string().optional(),
  correlation_id: z.string().optional(),
});
