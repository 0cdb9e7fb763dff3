// Request bodies arrive as text and are parsed here, so malformed JSON gets the protocol's
// `invalid argument` answer (HTTP 200) instead of Fastify's 400 — as the seeds' get_json(silent) does.
import type { FastifyInstance } from 'fastify';
import { RELAY_CODES, RelayError } from './relay-error.js';

export function acceptAnyBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, function keepText(_req, body, done) {
    done(null, body);
  });
}

export function jsonBody(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new RelayError(
      RELAY_CODES.INVALID_ARGUMENT,
      'Invalid JSON payload received. {"_schema": ["Invalid input type."]}',
    );
  }
}
