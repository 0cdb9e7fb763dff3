// The break-glass password's hash: scrypt with its cost in the stored line
// (`scrypt$N$r$p$salt$hash`, salt and hash base64url), checked off the event loop and in constant time.
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { PasswordFileError } from './errors.js';

export const HASH_PREFIX = 'scrypt';
/** 2^15, r 8, p 1: about 32 MiB and some 100 ms per check, the cost OWASP names for scrypt. */
export const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Refused passwords: a shorter one is no break-glass account. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password looked at; longer ones are cut before hashing so a megabyte costs no more. */
const MAX_PASSWORD_BYTES = 1024;

export interface PasswordHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function derive(password: string, salt: Buffer, c: { N: number; r: number; p: number }): Promise<Buffer> {
  const bytes = Buffer.from(password, 'utf8').subarray(0, MAX_PASSWORD_BYTES);
  const opts: ScryptOptions = { N: c.N, r: c.r, p: c.p, maxmem: 256 * c.N * c.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(bytes, salt, KEY_BYTES, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** The stored line for `password`. */
export async function hashPassword(
  password: string,
  cost: { N: number; r: number; p: number } = DEFAULT_COST,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, cost);
  return [HASH_PREFIX, cost.N, cost.r, cost.p, salt.toString('base64url'), hash.toString('base64url')].join(
    '$',
  );
}

const isPow2 = (n: number) => n > 1 && (n & (n - 1)) === 0;

/** Reads a stored line; its cost is bounded, so a hand-edited file cannot make each check take minutes. */
export function parsePasswordHash(line: string): PasswordHash {
  const parts = line.trim().split('$');
  const [prefix, n, r, p, salt, hash] = parts;
  const num = (s: string | undefined) => (s !== undefined && /^\d{1,8}$/.test(s) ? Number(s) : Number.NaN);
  const c = { N: num(n), r: num(r), p: num(p) };
  const b64 = (s: string | undefined) =>
    s !== undefined && /^[A-Za-z0-9_-]{16,128}$/.test(s) ? Buffer.from(s, 'base64url') : undefined;
  const saltBuf = b64(salt);
  const hashBuf = b64(hash);
  if (
    parts.length !== 6 ||
    prefix !== HASH_PREFIX ||
    !isPow2(c.N) ||
    c.N > 2 ** 20 ||
    !(c.r >= 1 && c.r <= 32) ||
    !(c.p >= 1 && c.p <= 16) ||
    !saltBuf ||
    !hashBuf ||
    hashBuf.length !== KEY_BYTES
  )
    throw new PasswordFileError('not a line of `graphsoc console hash-password` (scrypt$N$r$p$salt$hash)');
  return { ...c, salt: saltBuf, hash: hashBuf };
}

/** Whether `password` is the one hashed; always does the whole scrypt, whatever it is given. */
export async function verifyPassword(stored: PasswordHash, password: string): Promise<boolean> {
  const key = await derive(password, stored.salt, stored);
  return timingSafeEqual(key, stored.hash);
}
