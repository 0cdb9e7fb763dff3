// Microsoft Graph error bodies: {error:{code,message,innerError:{date,request-id,client-request-id}}}.
// https://learn.microsoft.com/graph/errors
import type { GraphResponse } from './types.js';

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

export function graphError(
  ids: RequestIds,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): GraphResponse {
  return {
    status,
    headers,
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d+Z$/, ''),
          'request-id': ids.requestId,
          'client-request-id': ids.clientRequestId,
        },
      },
    },
  };
}

/** 401 as Graph sends it, with the WWW-Authenticate challenge. */
export function unauthenticated(ids: RequestIds, message: string): GraphResponse {
  return graphError(ids, 401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate':
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  });
}

export function forbidden(ids: RequestIds): GraphResponse {
  return graphError(
    ids,
    403,
    'Authorization_RequestDenied',
    'Insufficient privileges to complete the operation.',
  );
}

export function notFound(ids: RequestIds, id: string): GraphResponse {
  return graphError(
    ids,
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

export function badRequest(ids: RequestIds, message: string, code = 'Request_BadRequest'): GraphResponse {
  return graphError(ids, 400, code, message);
}

export function tooManyRequests(ids: RequestIds, retryAfter: string, message?: string): GraphResponse {
  return graphError(
    ids,
    429,
    'TooManyRequests',
    message ?? 'Too many requests from this application for this tenant. Please try again later.',
    { 'Retry-After': retryAfter },
  );
}

/** The code Graph uses for a 5xx status. */
export function serverErrorCode(status: number): string {
  if (status === 503) return 'serviceNotAvailable';
  if (status === 504) return 'gatewayTimeout';
  if (status === 429) return 'TooManyRequests';
  return 'generalException';
}

export function serverErrorMessage(status: number): string {
  if (status === 503) return 'The service is temporarily unavailable. Please try again later.';
  if (status === 504) return 'The operation timed out.';
  if (status === 429) return 'Too many requests. Please try again later.';
  return 'An unspecified error has occurred.';
}
