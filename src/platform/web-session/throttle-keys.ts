// What the sign-in throttle counts by: the client's network and the user name as typed. Both come
// from the client and are bounded before any work on them.
import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * An IPv4 address as it is; an IPv6 address as its /64, which one client usually holds whole (so
 * counting addresses would let it try 2^64 times); an IPv4-mapped IPv6 address as the IPv4 address.
 * Anything else (a proxy's placeholder) is kept, cut to 64 characters.
 */
export function ipKey(ip: string): string {
  if (ip.length > 64) return ip.slice(0, 64);
  if (isIPv4(ip)) return ip;
  const bare = ip.split('%', 1)[0] ?? ip;
  if (!isIPv6(bare)) return ip.slice(0, 64);
  const groups = expand(bare.toLowerCase());
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [a = 0, b = 0] = groups.slice(6);
    return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` and a trailing dotted IPv4 part resolved). */
function expand(ip: string): number[] {
  const [left = '', right] = ip.split('::');
  const parts = (s: string) => (s === '' ? [] : s.split(':').flatMap(group));
  const head = parts(left);
  const tail = right === undefined ? [] : parts(right);
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

function group(g: string): number[] {
  if (!g.includes('.')) return [Number.parseInt(g, 16)];
  const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
  return [(a << 8) | b, (c << 8) | d];
}

/** Longest user name looked at; a longer one counts as its first this many characters. */
const MAX_USER_NAME = 256;

/**
 * The user name's key: case, width variants and surrounding space ignored, and hashed, because
 * people type passwords into the user-name field and the table should not keep them.
 */
export function userNameKey(userName: string): string {
  const n = userName.slice(0, MAX_USER_NAME).normalize('NFKC').trim().toLowerCase();
  return createHash('sha256').update(n, 'utf8').digest('base64url');
}
