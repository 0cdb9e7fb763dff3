// The AADSTS errors of user sign-in: the authorize endpoint's (shown on the page or redirected) and the
// authorization code and refresh token grants'. Same shape as aadsts-errors.ts.
// https://learn.microsoft.com/entra/identity-platform/reference-error-codes
// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#error-codes-for-authorization-endpoint-errors
import type { AadstsError } from './aadsts-errors.js';

const grant = (code: number, description: string): AadstsError => ({
  status: 400,
  error: 'invalid_grant',
  code,
  description,
});

export const signInErrors = {
  replyUrlMismatch: (uri: string, clientId: string): AadstsError => ({
    status: 400,
    error: 'invalid_request',
    code: 50011,
    description: `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
  }),
  noReplyAddress: (clientId: string): AadstsError => ({
    status: 400,
    error: 'invalid_request',
    code: 500113,
    description: `No reply address is registered for the application '${clientId}'.`,
  }),
  unsupportedResponseType: (type: string): AadstsError => ({
    status: 400,
    error: 'unsupported_response_type',
    code: 70005,
    description: `response_type '${type}' is not enabled for the application.`,
  }),
  invalidScope: (scope: string): AadstsError => ({
    status: 400,
    error: 'invalid_scope',
    code: 70011,
    description: `The provided value for the input parameter 'scope' is not valid. The scope '${scope}' is not valid.`,
  }),
  invalidChallengeSize: (): AadstsError => ({
    status: 400,
    error: 'invalid_request',
    code: 501491,
    description: 'Invalid size of Code_Challenge parameter.',
  }),
  invalidPrompt: (prompt: string): AadstsError => ({
    status: 400,
    error: 'invalid_request',
    code: 90023,
    description: `Invalid prompt value '${prompt}'. Supported values are login, none, consent and select_account.`,
  }),
  loginRequired: (): AadstsError => ({
    status: 400,
    error: 'login_required',
    code: 50058,
    description: 'A silent sign-in request was sent but no user is signed in.',
  }),
  userDeclined: (): AadstsError => ({
    status: 400,
    error: 'access_denied',
    code: 65004,
    description: 'User declined to consent to access the app.',
  }),
  userNotFound: (tenantName: string): AadstsError => ({
    status: 400,
    error: 'invalid_request',
    code: 50034,
    description: `The user account does not exist in the ${tenantName} directory. To sign into this application, the account must be added to the directory.`,
  }),
  userDisabled: (): AadstsError => ({
    status: 400,
    error: 'invalid_request',
    code: 50057,
    description: 'The user account is disabled.',
  }),
  signInExpired: (): AadstsError => ({
    status: 400,
    error: 'invalid_request',
    code: 50196,
    description: 'The sign-in page was open too long or the request is unknown; start the sign-in again.',
  }),
  codeMalformed: (): AadstsError => grant(9002313, 'Invalid request. Request is malformed or invalid.'),
  codeOtherClient: (): AadstsError =>
    grant(
      70000,
      "The provided value for the 'code' parameter is not valid: it was issued to another client.",
    ),
  codeRedeemed: (): AadstsError =>
    grant(
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    ),
  codeExpired: (): AadstsError =>
    grant(
      70008,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    ),
  redirectUriDiffers: (): AadstsError =>
    grant(
      50011,
      'The redirect URI specified in the request does not match the redirect URI used when the authorization code was requested.',
    ),
  verifierMismatch: (): AadstsError =>
    grant(
      501481,
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    ),
  refreshTokenInvalid: (): AadstsError =>
    grant(9002313, 'Invalid request. Request is malformed or invalid. The refresh token is not valid.'),
};
