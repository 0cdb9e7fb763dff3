// Random session ids and anti-forgery tokens, and the hash a session id is stored as.
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes as base64url: 43 characters. */
export const TOKEN_LENGTH = 43;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the table keeps instead of the id, so that a copy of the table opens no session. */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('base64url');
}

/** Whether `v` has the shape newToken makes; anything else is no session, without asking the database. */
export function isTokenShaped(v: string): boolean {
  if (v.length !== TOKEN_LENGTH) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95;
    if (!ok) return false;
  }
  return true;
}
