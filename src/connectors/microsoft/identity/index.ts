// Entra ID identity connector: app-only access tokens for Graph, Azure management and Defender.
export {
  createTokenProvider,
  DEFENDER_SCOPE,
  forgetCachedApplications,
  scopeFor,
  type TenantTokenProvider,
} from './client.js';
export { tokenAuth } from './auth.js';
export { loadCredential } from './credentials.js';
export {
  CertificateError,
  errors,
  IdentityFailedError,
  IdentityRejectedError,
} from './errors.js';
export type {
  CredentialCheck,
  GetTokenOptions,
  TokenProvider,
  TokenProviderOptions,
  TokenResource,
} from './types.js';

import type { TenantTokenProvider } from './client.js';
import type { CredentialCheck } from './types.js';

/** Checks the credentials with a fresh token request (used by /health and `cli check`). */
export function pingCredentials(provider: TenantTokenProvider): Promise<CredentialCheck> {
  return provider.ping();
}
