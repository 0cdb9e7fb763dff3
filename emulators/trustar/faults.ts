// How the shared fault rules render on the TruSTAR emulator, in TruSTAR's own bodies: an expired
// token is the SDK's 400 (and the token really ends), a 429 carries waitTime, other statuses the
// generic error body, and malformed answers come in four kinds a client must survive.
import type { FastifyRequest } from 'fastify';
import { type FaultRule, retryAfterValue } from '../shared/faults.js';
import type { RenderedFault } from '../shared/traffic.js';
import {
  BAD_CREDENTIALS_BODY,
  EXPIRED_TOKEN,
  genericError,
  NO_TOKEN_BODY,
  throttledBody,
  tokenErrorBody,
} from './bodies.js';
import type { TrustarContext } from './context.js';
import { bearerToken } from './tokens.js';

/** `malformedBody` kinds, chosen by the rule's `code`. */
function malformed(rule: FaultRule, request: FastifyRequest): RenderedFault {
  const status = rule.status ?? 200;
  switch (rule.code) {
    case 'html':
      return {
        status,
        headers: { 'content-type': 'text/html' },
        body: '<html><body><h1>Service temporarily unavailable</h1></body></html>',
      };
    case 'shape':
      // Items without their value: valid JSON that breaks the documented shape.
      return {
        status,
        body: { items: [{ type: 'IP4', firstSeen: 1 }], responseMetadata: { nextCursor: '' } },
      };
    case 'same-cursor': {
      // A server that hands back the cursor it was given would page forever.
      const sent = (request.body as { cursor?: unknown } | undefined)?.cursor;
      const cursor = typeof sent === 'string' && sent !== '' ? sent : 'c3R1Y2s=';
      return { status, body: { items: [], responseMetadata: { nextCursor: cursor } } };
    }
    default:
      return { status, body: '{"items":[{"type":"IP4","value":"203.0.113.' };
  }
}

export function renderTrustarFault(
  ctx: TrustarContext,
  rule: FaultRule & { id: string },
  request: FastifyRequest,
): RenderedFault {
  const retryAfter = retryAfterValue(rule);
  const headers: Record<string, string> = retryAfter ? { 'retry-after': retryAfter } : {};
  if (rule.expiredToken) {
    const token = bearerToken(request.headers.authorization);
    if (token !== undefined) ctx.tokens.expire(token);
    return { status: 400, headers, body: tokenErrorBody(rule.message ?? EXPIRED_TOKEN) };
  }
  if (rule.malformedBody) return malformed(rule, request);
  const status = rule.status ?? 500;
  if (status === 429) {
    const wait = rule.retryAfterSec !== undefined ? rule.retryAfterSec * 1000 : ctx.settings.stormWaitTimeMs;
    return { status, headers, body: throttledBody(wait) };
  }
  if (status === 401)
    return {
      status,
      headers,
      body: request.url.startsWith('/oauth/') ? BAD_CREDENTIALS_BODY : NO_TOKEN_BODY,
    };
  const message = rule.message ?? (status >= 500 ? 'Internal server error' : 'Bad request');
  return { status, headers, body: genericError(status, message, ctx.now()) };
}
