// Sentinel's answers other than success. The upload hosts are fronted by Azure API Management, whose
// documented 429 body is {"statusCode":429,"message":"…"}; the other statuses (400, 401, 403, 404, 500)
// are documented without a body, so they use the same shape (an assumption). The ARM query answers
// in ARM's {"error":{"code","message"}} shape.
// https://learn.microsoft.com/azure/sentinel/stix-objects-api#process-the-response-message
export interface SentinelResponse {
  status: number;
  headers?: Record<string, string>;
  /** undefined sends an empty body (a 200 with every object valid). */
  body?: unknown;
}

export function apiError(status: number, message: string): SentinelResponse {
  return { status, body: { statusCode: status, message } };
}

/** The documented 429 body; no Retry-After header, as the documentation shows none. */
export function throttled(retryAfterSec: number): SentinelResponse {
  return apiError(429, `Rate limit is exceeded. Try again in ${retryAfterSec} seconds.`);
}

export function armError(status: number, code: string, message: string): SentinelResponse {
  return { status, body: { error: { code, message } } };
}

/** Per-record validation problems: 200 when at least one object was accepted, else 400. */
export function recordErrors(
  errors: Array<{ recordIndex: number; errorMessages: string[] }>,
  anyAccepted: boolean,
): SentinelResponse {
  if (errors.length === 0) return { status: 200 };
  return { status: anyAccepted ? 200 : 400, body: { errors } };
}
