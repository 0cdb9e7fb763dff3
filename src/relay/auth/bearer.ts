// Reads the bearer token from the Authorization header with the seeds' messages, but without their
// crash on a header of more or fewer than two words (reference/relay.md §1.3).
import { AUTH_MESSAGES, authError } from '../protocol/relay-error.js';

/** Tokens above this size are refused before any parsing (Threat Response tokens are ~1–2 KB; Node refuses headers over 16 KB with 431 itself). */
export const MAX_TOKEN_BYTES = 8 * 1024;

export function bearerToken(header: string | string[] | undefined): string {
  if (header === undefined || header === '' || Array.isArray(header))
    throw authError(AUTH_MESSAGES.HEADER_MISSING);
  const parts = header.trim().split(/\s+/);
  if (parts[0]?.toLowerCase() !== 'bearer') throw authError(AUTH_MESSAGES.WRONG_TYPE);
  const token = parts[1];
  if (parts.length !== 2 || !token || token.length > MAX_TOKEN_BYTES)
    throw authError(AUTH_MESSAGES.WRONG_JWT_STRUCTURE);
  return token;
}
