// Tokens mailed to people (links, codes) and how they are kept: 256 random bits in base64url, and
// only their SHA-256 in the database, so a copy of the database opens no link.
import { createHash, randomBytes, randomInt } from 'node:crypto';

export const newSecretToken = (): string => randomBytes(32).toString('base64url');

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** A code to type: `digits` decimal digits from the CSPRNG, leading zeros kept. */
export function newCode(digits = 6): string {
  let out = '';
  for (let i = 0; i < digits; i++) out += String(randomInt(10));
  return out;
}
