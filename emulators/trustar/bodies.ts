// TruSTAR's error bodies (reference/threat-intel.md §2.5, §2.6; fixtures in ti-fixtures/trustar/).
// Token errors follow the SDK's contract (400 with error_description); other errors the v1.2 shape
// {timestamp, status, error, message} with a Trace-Id header, which the reference marks as assumed for 2.0.
import { randomBytes } from 'node:crypto';

export const EXPIRED_TOKEN = 'Expired oauth2 access token';
export const INVALID_TOKEN = 'Invalid oauth2 access token';

/** 400 for an expired or unknown bearer token; the SDKs refresh on exactly these descriptions. */
export const tokenErrorBody = (description: string) => ({
  error: 'invalid_token',
  error_description: description,
});

/** 401 from the token endpoint for a wrong key or secret [assumed body, reference §2.1]. */
export const BAD_CREDENTIALS_BODY = { error: 'unauthorized', error_description: 'Bad credentials' };

/** 401 for an API call without a bearer token (Spring Security's wording). */
export const NO_TOKEN_BODY = {
  error: 'unauthorized',
  error_description: 'Full authentication is required to access this resource',
};

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function genericError(status: number, message: string, now: number) {
  return { timestamp: now, status, error: REASONS[status] ?? 'Error', message };
}

/** The documented 429 body; waitTime is in milliseconds (the support article's "seconds" is wrong). */
export function throttledBody(waitTimeMs: number) {
  const ms = Math.max(0, Math.ceil(waitTimeMs));
  return {
    message: `Request limit exceeded for the current time period.  Please wait ${ms} milliseconds before making more requests.`,
    waitTime: ms,
  };
}

export function traceId(): string {
  return randomBytes(8).toString('hex');
}
