// How the shared fault rules render on the TAXII emulator: statuses as TAXII error resources (429 with
// Retry-After), and malformed answers a client must survive, chosen by the rule's `code`: `html` (a
// proxy's page), `shape` (objects not a list), `same-next` (a next that never moves), or by default
// truncated JSON.
import type { FastifyRequest } from 'fastify';
import { type FaultRule, retryAfterValue } from '../shared/faults.js';
import type { RenderedFault } from '../shared/traffic.js';
import { TAXII_MEDIA_TYPE, taxiiError } from './bodies.js';

const taxiiType = { 'content-type': TAXII_MEDIA_TYPE };

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
      return { status, headers: taxiiType, body: { more: false, objects: { id: 'not-a-list' } } };
    case 'same-next': {
      const sent = (request.query as { next?: unknown }).next;
      const next = typeof sent === 'string' && sent !== '' ? sent : 'stuck';
      return { status, headers: taxiiType, body: { more: true, next, objects: [] } };
    }
    default:
      return { status, headers: taxiiType, body: '{"more":true,"objects":[{"type":"indicator","id":"ind' };
  }
}

export function renderTaxiiFault(rule: FaultRule & { id: string }, request: FastifyRequest): RenderedFault {
  if (rule.malformedBody) return malformed(rule, request);
  const status = rule.expiredToken ? 401 : (rule.status ?? 500);
  const retryAfter = retryAfterValue(rule);
  const headers: Record<string, string> = {
    ...taxiiType,
    ...(retryAfter ? { 'retry-after': retryAfter } : {}),
  };
  const description =
    rule.message ?? (status >= 500 ? 'The server failed to answer.' : 'The request was refused.');
  return { status, headers, body: taxiiError(status, description, rule.code) };
}
