// Entra ID token endpoint errors: the AADSTS catalogue this emulator uses and the documented body shape.
// Body shape: https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#error-response-1
// Codes: https://learn.microsoft.com/entra/identity-platform/reference-error-codes
import { newGuid } from '../shared/ids.js';

export interface AadstsError {
  status: number;
  error: string;
  code: number;
  description: string;
}

export const aadsts = {
  missingParameter: (name: string): AadstsError => ({
    status: 400,
    error: 'invalid_request',
    code: 900144,
    description: `The request body must contain the following parameter: '${name}'.`,
  }),
  invalidRequestParameter: (detail: string): AadstsError => ({
    status: 400,
    error: 'invalid_request',
    code: 90100,
    description: `InvalidRequestParameter - The parameter is empty or not valid. ${detail}`,
  }),
  unsupportedGrantType: (grant: string): AadstsError => ({
    status: 400,
    error: 'unsupported_grant_type',
    code: 70003,
    description: `The app requested an unsupported grant type '${grant}'.`,
  }),
  tenantNotFound: (tenant: string): AadstsError => ({
    status: 400,
    error: 'invalid_request',
    code: 90002,
    description: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  }),
  tenantNotAllowedForGrant: (tenant: string): AadstsError => ({
    status: 400,
    error: 'invalid_request',
    code: 900023,
    description: `Specified tenant identifier '${tenant}' is neither a valid DNS name, nor a valid external domain.`,
  }),
  appNotFound: (clientId: string, tenantName: string): AadstsError => ({
    status: 400,
    error: 'unauthorized_client',
    code: 700016,
    description: `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  }),
  invalidSecret: (clientId: string): AadstsError => ({
    status: 401,
    error: 'invalid_client',
    code: 7000215,
    description: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
  }),
  missingCredential: (): AadstsError => ({
    status: 401,
    error: 'invalid_client',
    code: 7000218,
    description:
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  }),
  assertionExpired: (detail: string): AadstsError => ({
    status: 401,
    error: 'invalid_client',
    code: 700024,
    description: `Client assertion is not within its valid time range. ${detail} Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`,
  }),
  assertionBadSignature: (clientId: string, reason: string): AadstsError => ({
    status: 401,
    error: 'invalid_client',
    code: 700027,
    description: `Client assertion failed signature validation. [Reason - ${reason}, Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'.]`,
  }),
  assertionClientMismatch: (): AadstsError => ({
    status: 401,
    error: 'invalid_client',
    code: 700021,
    description:
      "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .",
  }),
  assertionInvalid: (reason: string): AadstsError => ({
    status: 400,
    error: 'invalid_request',
    code: 50027,
    description: `JWT token is invalid or malformed. ${reason}`,
  }),
  invalidClientAssertionType: (): AadstsError => ({
    status: 400,
    error: 'invalid_request',
    code: 70002,
    description:
      "The request body contains an unsupported client_assertion_type; expected 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'.",
  }),
  scopeNotDefault: (scope: string): AadstsError => ({
    status: 400,
    error: 'invalid_scope',
    code: 1002012,
    description: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
  }),
  scopeInvalid: (): AadstsError => ({
    status: 400,
    error: 'invalid_scope',
    code: 70011,
    description:
      "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid.",
  }),
  resourceNotFound: (resource: string, tenantName: string): AadstsError => ({
    status: 400,
    error: 'invalid_resource',
    code: 500011,
    description: `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  }),
  transient: (status: number): AadstsError => ({
    status,
    error: 'temporarily_unavailable',
    code: 90033,
    description: 'A transient error has occurred. Please try again.',
  }),
};

/** Renders an AADSTS error as the token endpoint does, with trace and correlation ids. */
export function aadstsBody(
  err: AadstsError,
  loginUrl: string,
  correlationId?: string,
): Record<string, unknown> {
  const now = new Date();
  const timestamp = now
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  const traceId = newGuid();
  const correlation = correlationId ?? newGuid();
  return {
    error: err.error,
    error_description: `AADSTS${err.code}: ${err.description} Trace ID: ${traceId} Correlation ID: ${correlation} Timestamp: ${timestamp}`,
    error_codes: [err.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: `${loginUrl}/error?code=${err.code}`,
  };
}
