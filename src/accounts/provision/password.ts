// The password a new user is created with: random, long and mixed so every tenant's complexity
// policy accepts it, with forceChangePasswordNextSignIn. It is never stored, logged or shown: the
// person's first credential is a Temporary Access Pass or the one-time view the portal makes later.
import { randomInt } from 'node:crypto';

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!#%*+-=?@^_';
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;

const pick = (set: string): string => set[randomInt(set.length)] as string;

/** 32 characters with at least one of each class, in random order. */
export function randomPassword(length = 32): string {
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < length) chars.push(pick(ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}
