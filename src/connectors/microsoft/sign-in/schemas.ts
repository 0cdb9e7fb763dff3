// zod shapes of what Entra ID sends this connector: the OpenID metadata, the key set, the token
// endpoint's answer and error, the redirect's query and the ID token's claims.
import { z } from 'zod';

/**
 * The tenant's OpenID Connect discovery document (only the fields the flow uses).
 * @link https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc#find-your-apps-openid-configuration-document-uri
 */
export const metadataSchema = z.looseObject({
  issuer: z.string().min(1).max(512),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  end_session_endpoint: z.url().optional(),
});
export type OpenIdMetadata = z.infer<typeof metadataSchema>;

/**
 * The signing keys. Only RSA keys are of use: ID tokens are RS256.
 * @link https://www.rfc-editor.org/rfc/rfc7517#section-5
 */
export const jwksSchema = z.object({
  keys: z
    .array(
      z.looseObject({
        kty: z.string(),
        kid: z.string().max(256).optional(),
        use: z.string().optional(),
        n: z.string().max(4096).optional(),
        e: z.string().max(16).optional(),
      }),
    )
    .max(100),
});

/**
 * The token endpoint's answer to the authorization code grant.
 * @link https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#successful-response-2
 */
export const tokenAnswerSchema = z.looseObject({
  token_type: z.string().optional(),
  id_token: z
    .string()
    .min(1)
    .max(64 * 1024),
});

/**
 * The token endpoint's error body.
 * @link https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#error-response-1
 */
export const tokenErrorSchema = z.looseObject({
  error: z.string().max(256),
  error_description: z.string().max(8192).optional(),
  error_codes: z.array(z.number().int()).max(20).optional(),
  correlation_id: z.string().max(64).optional(),
});

const param = z.string().max(4096);
/**
 * The query the browser brings back to the redirect URI: a code, or an error, with the state.
 * @link https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#successful-response
 * @link https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#error-response
 */
export const redirectQuerySchema = z.looseObject({
  code: param.optional(),
  state: z.string().max(256).optional(),
  error: z.string().max(256).optional(),
  error_description: param.optional(),
  // Entra sends its numeric codes space-separated on some replies ("error_codes=50058").
  error_codes: z.string().max(256).optional(),
  session_state: z.string().max(256).optional(),
});
export type RedirectQuery = z.infer<typeof redirectQuerySchema>;

const guid = z.guid().transform((s) => s.toLowerCase());
/**
 * The claims the console reads from a v2.0 ID token (after the signature and the registered claims
 * were checked by jose).
 * @link https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference
 */
export const idTokenClaimsSchema = z.looseObject({
  oid: guid,
  tid: guid,
  nonce: z.string().max(256),
  name: z.string().max(256).optional(),
  preferred_username: z.string().max(256).optional(),
  email: z.string().max(256).optional(),
  roles: z.array(z.string().max(256)).max(1500).optional(),
  groups: z.array(z.string().max(64)).max(1000).optional(),
  hasgroups: z.union([z.boolean(), z.string()]).optional(),
  _claim_names: z.looseObject({ groups: z.string().optional() }).optional(),
});
export type IdTokenClaims = z.infer<typeof idTokenClaimsSchema>;
