// Upstream failures → the relay error codes and messages of the seed's CriticalResponseError
// (reference/relay.md §2.5), so analysts see the same words, now with Graph's own code and message.
import { GraphError } from '../../../connectors/microsoft/graph/index.js';
import { IdentityFailedError, IdentityRejectedError } from '../../../connectors/microsoft/identity/index.js';
import { HttpTransportError } from '../../../platform/http/index.js';
import { RelayError } from '../../protocol/relay-error.js';

const PRODUCT = 'Microsoft Graph Security';

/**
 * Entra's answers that mean the token's `tenant_id` names no tenant: not found (AADSTS90002), not a
 * tenant identifier at all (AADSTS900023), or no tenant in the request (AADSTS50059, AADSTS50128).
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 */
const UNKNOWN_TENANT = new Set(['AADSTS90002', 'AADSTS900023', 'AADSTS50059', 'AADSTS50128']);

export function relayErrorFrom(e: unknown): RelayError {
  if (e instanceof RelayError) return e;
  if (e instanceof IdentityRejectedError && isUnknownTenant(e))
    // A module setting the analyst can correct, as the seed answered Entra's 400 (invalid argument).
    return new RelayError(
      'invalid argument',
      `Microsoft Entra ID does not know the tenant_id of this module's configuration: ${e.description ?? e.message}`,
      'fatal',
      e,
    );
  if (e instanceof IdentityRejectedError)
    return new RelayError('authorization error', `Authorization failed: ${e.message}`, 'fatal', e);
  if (e instanceof IdentityFailedError)
    return new RelayError(
      'connection error',
      `Unable to get a token for ${PRODUCT}: ${e.message}`,
      'fatal',
      e,
    );
  if (e instanceof GraphError) {
    const detail = [e.remoteCode, e.remoteMessage].filter(Boolean).join(': ') || e.message;
    return (
      statusError(PRODUCT, e.status, detail, e) ??
      new RelayError(
        e.status === 400 ? 'invalid argument' : 'unknown',
        `Unexpected response from ${PRODUCT}: ${detail}`,
        'fatal',
        e,
      )
    );
  }
  if (e instanceof HttpTransportError) {
    return new RelayError(
      'connection error',
      `Unable to connect ${PRODUCT} at ${e.host}: ${e.message}`,
      'fatal',
      e,
    );
  }
  if (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError')) {
    return new RelayError('timeout', `${PRODUCT} did not answer within the relay's deadline.`, 'fatal', e);
  }
  return new RelayError('unknown', 'Something went wrong.', 'fatal', e);
}

function isUnknownTenant(e: IdentityRejectedError): boolean {
  return e.oauthError === 'invalid_tenant' || (e.aadsts !== undefined && UNKNOWN_TENANT.has(e.aadsts));
}

/**
 * A failure that hit part of a request: fatal when nothing was found, otherwise one warning next to
 * the partial results (the seed aborted the whole answer instead).
 */
export function failOrWarn(
  error: unknown,
  foundAny: boolean,
  warn: (code: string, message: string) => void,
  what: string,
): void {
  const e = relayErrorFrom(error);
  if (!foundAny) throw e;
  warn(e.relayCode, `${what}: ${e.message}`);
}

/**
 * The relay error for an upstream status every Microsoft API answers alike (401, 403, 429, 503), in
 * the seeds' words; undefined for the others, which each product maps its own way.
 */
export function statusError(
  product: string,
  status: number,
  detail: string,
  cause: unknown,
): RelayError | undefined {
  switch (status) {
    case 401:
      return new RelayError('authorization error', `Authorization failed: ${detail}`, 'fatal', cause);
    case 403:
      return new RelayError(
        'permission denied',
        `Permission denied by ${product}: ${detail}`,
        'fatal',
        cause,
      );
    case 429:
      return tooManyRequests(product, cause);
    case 503:
      return new RelayError(
        'service unavailable',
        'Service temporarily unavailable. Please try again later.',
        'fatal',
        cause,
      );
    default:
      return undefined;
  }
}

export function tooManyRequests(product: string, cause: unknown): RelayError {
  return new RelayError(
    'too many requests',
    `Too many requests to ${product} have been made. Please try again later.`,
    'fatal',
    cause,
  );
}
