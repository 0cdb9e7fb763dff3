// Errors as the Threat Response relay protocol carries them: HTTP 200 with
// `{"errors":[{"code","message","type"}]}`, using the codes the Cisco relay seeds use.
// reference/relay.md §1.4, §2.4.

export type RelayErrorType = 'fatal' | 'warning';

/** Protocol codes; Threat Response shows them to analysts, so they keep the seeds' wording. */
export const RELAY_CODES = {
  AUTH: 'authorization error',
  INVALID_ARGUMENT: 'invalid argument',
  UNKNOWN: 'unknown',
  HEALTH_CHECK: 'health check failed',
  UNSUPPORTED_TYPE: 'unsupported type',
  TOO_MANY_REQUESTS: 'too many requests',
  UPSTREAM: 'upstream error',
  TRUNCATED: 'results truncated',
} as const;

export interface RelayErrorBody {
  code: string;
  message: string;
  type: RelayErrorType;
}

/** An error a relay route answers with in the protocol's envelope (never an HTTP error status). */
export class RelayError extends Error {
  readonly relayCode: string;
  readonly type: RelayErrorType;
  /** `data` answered next to the error, e.g. `{status: "failure"}` of /respond/trigger. */
  data?: unknown;
  constructor(relayCode: string, message: string, type: RelayErrorType = 'fatal', cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'RelayError';
    this.relayCode = relayCode;
    this.type = type;
  }
  /** The same error answered with `data` beside it. */
  withData(data: unknown): RelayError {
    const e = new RelayError(this.relayCode, this.message, this.type, this.cause);
    e.data = data;
    return e;
  }
  toBody(): RelayErrorBody {
    return { code: this.relayCode, message: this.message, type: this.type };
  }
}

export const AUTH_MESSAGES = {
  HEADER_MISSING: 'Authorization header is missing',
  WRONG_TYPE: 'Wrong authorization type',
  WRONG_PAYLOAD_STRUCTURE: 'Wrong JWT payload structure',
  JWKS_HOST_MISSING:
    'jwks_host is missing in JWT payload. Make sure custom_jwks_host field is present in module_type',
  WRONG_KEY:
    'Failed to decode JWT with provided key. Make sure domain in custom_jwks_host corresponds to your SecureX instance region.',
  WRONG_JWT_STRUCTURE: 'Wrong JWT structure',
  WRONG_AUDIENCE: 'Wrong configuration-token-audience',
  KID_NOT_FOUND: 'kid from JWT header not found in API response',
  WRONG_JWKS_HOST:
    'Wrong jwks_host in JWT payload. Make sure domain follows the visibility.<region>.cisco.com structure',
  // Our additions: cases the seeds let through or answered with a 500.
  JWKS_HOST_NOT_ALLOWED: 'jwks_host in JWT payload is not on the allow-list of this relay',
  EXPIRED: 'The JWT has expired',
  NOT_YET_VALID: 'The JWT is not valid yet',
  EXP_MISSING: 'Wrong JWT payload structure: exp is required',
  ALGORITHM: 'Unsupported JWT algorithm',
  SECRET_MISSING: '<SECRET_KEY> is missing',
} as const;

export function authError(message: string, cause?: unknown): RelayError {
  return new RelayError(RELAY_CODES.AUTH, `Authorization failed: ${message}`, 'fatal', cause);
}
