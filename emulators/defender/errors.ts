// Defender for Endpoint error answers: {"error":{"code","message","target"}}, where target is the
// request's correlation id. https://learn.microsoft.com/defender-endpoint/api/common-errors
export interface DefenderResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export function defenderError(
  requestId: string,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): DefenderResponse {
  return { status, headers, body: { error: { code, message, target: requestId } } };
}

export function missingRoles(requestId: string, roles: readonly string[]): DefenderResponse {
  return defenderError(
    requestId,
    403,
    'Forbidden',
    `The application does not have any of the required application roles (${roles.join(', ')}) to access the resource.`,
  );
}

export function notFound(requestId: string, what: string): DefenderResponse {
  return defenderError(requestId, 404, 'ResourceNotFound', `${what} was not found`);
}

export function invalidBody(requestId: string, message: string): DefenderResponse {
  return defenderError(requestId, 400, 'InvalidRequestBody', message);
}

export function throttled(requestId: string, retryAfterSec: number): DefenderResponse {
  return defenderError(
    requestId,
    429,
    'TooManyRequests',
    `Rate limit is exceeded. Try again in ${retryAfterSec} seconds.`,
    { 'Retry-After': String(retryAfterSec) },
  );
}

export function serverErrorCode(status: number): string {
  if (status === 429) return 'TooManyRequests';
  if (status === 503) return 'ServiceUnavailable';
  return 'InternalServerError';
}
