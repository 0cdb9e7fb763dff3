// Entra ID sign-in connector (OpenID Connect authorization code flow with PKCE) for the operator
// console: the authorize URL, the code redemption as the tenant's app, ID token verification and the
// role mapping. The sole entry point.
export {
  authorizeUrl,
  codeChallenge,
  newFlowSecrets,
  type RedirectReply,
  readRedirect,
  SIGN_IN_SCOPE,
} from './authorize.js';
export { createSignInClient, noRoleError, type SignInClient } from './client.js';
export { aadstsOf, errors, SignInFailedError, type SignInErrorFields, SignInRefusedError } from './errors.js';
export { metadataUrl, type TrustedMetadata, trust } from './resources/metadata.js';
export { type RoleMapping, rolesOf } from './roles.js';
export type {
  AuthorizeOptions,
  FlowSecrets,
  SignedInPerson,
  SignInClientOptions,
  SignInSettings,
} from './types.js';
