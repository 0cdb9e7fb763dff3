// Client-credential tokens from one msal-node ConfidentialClientApplication, with msal's errors
// mapped to typed identity errors that keep the AADSTS code and description.
import { AuthError, type ConfidentialClientApplication } from '@azure/msal-node';
import { HttpTransportError } from '../../../../platform/http/index.js';
import {
  errors,
  IdentityFailedError,
  type IdentityErrorFields,
  IdentityRejectedError,
  scrub,
} from '../errors.js';

export interface AcquiredToken {
  accessToken: string;
  expiresOn: Date | null;
}

export async function acquireToken(
  cca: ConfidentialClientApplication,
  scope: string,
  forceRefresh: boolean,
  fields: IdentityErrorFields,
  secrets: readonly (string | undefined)[],
): Promise<AcquiredToken> {
  try {
    const result = await cca.acquireTokenByClientCredential({ scopes: [scope], skipCache: forceRefresh });
    if (!result?.accessToken) {
      throw new IdentityFailedError(
        errors.TOKEN_FAILED,
        `Entra returned no access token for ${scope}`,
        fields,
      );
    }
    return { accessToken: result.accessToken, expiresOn: result.expiresOn };
  } catch (e) {
    throw mapMsalError(e, scope, fields, secrets);
  }
}

const AADSTS = /AADSTS(\d+)/;

export function mapMsalError(
  e: unknown,
  scope: string,
  fields: IdentityErrorFields,
  secrets: readonly (string | undefined)[],
): Error {
  if (e instanceof IdentityFailedError || e instanceof IdentityRejectedError) return e;
  const transport = findTransportError(e);
  const who = `tenant ${fields.tenantId}, app ${fields.clientId} at ${fields.authorityHost}`;
  if (transport) {
    return new IdentityFailedError(
      errors.TOKEN_FAILED,
      `no token for ${scope} (${who}): ${transport.message}`,
      fields,
      {
        cause: transport,
      },
    );
  }
  if (!(e instanceof AuthError)) {
    const why = scrub(e instanceof Error ? e.message : String(e), secrets);
    return new IdentityFailedError(errors.TOKEN_FAILED, `no token for ${scope} (${who}): ${why}`, fields, {
      retryable: false,
    });
  }
  const description = scrub(e.errorMessage.split(/\r?\n/)[0] ?? '', secrets).trim();
  const num = (e as { errorNo?: string }).errorNo ?? description.match(AADSTS)?.[1];
  const status = (e as { status?: number }).status;
  const f: IdentityErrorFields = {
    ...fields,
    ...(num ? { aadsts: `AADSTS${num}` } : {}),
    oauthError: e.errorCode,
    description,
    ...(e.correlationId ? { correlationId: e.correlationId } : {}),
    ...(status !== undefined ? { status } : {}),
  };
  const text = `Entra refused a token for ${scope} (${who}): ${e.errorCode}${description ? `, ${description}` : ''}`;
  // The msal error is not kept as the cause: its fields are copied above and it may echo request data.
  if (status !== undefined && status >= 400 && status < 500 && status !== 429)
    return new IdentityRejectedError(text, f);
  return new IdentityFailedError(errors.TOKEN_FAILED, text, f, {
    retryable: status === undefined || status >= 500 || status === 429,
  });
}

function findTransportError(e: unknown): HttpTransportError | undefined {
  for (let cur = e, depth = 0; cur && depth < 5; depth++) {
    if (cur instanceof HttpTransportError) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}
