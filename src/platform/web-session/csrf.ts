// The synchronizer token of a session: each form carries it, and a state-changing request whose
// token is missing or another session's is refused. Compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import { CsrfError } from './errors.js';

/** The form field, and the header for requests sent by script, that carry the token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Longest token looked at; longer is wrong anyway and is not hashed. */
const MAX_TOKEN = 256;

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Whether `given` is the session's token. Both sides are hashed first, so the comparison takes the
 * same time whatever the given length and wherever the first difference is.
 */
export function csrfMatches(expected: string, given: unknown): boolean {
  if (expected.length === 0) return false;
  if (typeof given !== 'string' || given.length === 0 || given.length > MAX_TOKEN) return false;
  return timingSafeEqual(digest(expected), digest(given));
}

/** Throws GSOC_SESSION_CSRF_INVALID (403) unless `formToken` is the session's token. */
export function checkCsrf(session: { csrfToken: string }, formToken: unknown): void {
  if (formToken === undefined || formToken === null || formToken === '') throw new CsrfError('missing');
  if (!csrfMatches(session.csrfToken, formToken)) throw new CsrfError('mismatch');
}
