// The session cookie: its Set-Cookie value and reading it back from a Cookie header. The header is
// the client's, so reading it is one pass in its length however many cookies, duplicates or bytes
// it holds, and no regular expression touches it.
import { InsecureUrlError, RecordInvalidError } from './errors.js';
import { isTokenShaped } from './tokens.js';

/**
 * `__Host-`: the browser keeps it only if it is Secure, for Path=/ and without Domain, so a sibling
 * subdomain can neither set nor overwrite it (no cookie tossing); a duplicate can only come from us.
 */
export const SESSION_COOKIE = '__Host-graphsoc-session';
/** The sandbox's plain-HTTP loopback variant: no prefix, no Secure (a browser drops both over http). */
export const LOOPBACK_SESSION_COOKIE = 'graphsoc-session';

/**
 * `secure` everywhere but the sandbox. Chosen from the configured public URL (cookieModeFor), never
 * from request headers, which a client or proxy could set to turn Secure off.
 */
export type CookieMode = 'secure' | 'loopback-http';

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** The mode for the console's public URL; plain HTTP anywhere but loopback is refused. */
export function cookieModeFor(publicUrl: string | URL): CookieMode {
  const u = typeof publicUrl === 'string' ? new URL(publicUrl) : publicUrl;
  if (u.protocol === 'https:') return 'secure';
  const h = u.hostname;
  if (u.protocol === 'http:' && (LOOPBACK_HOSTS.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)))
    return 'loopback-http';
  throw new InsecureUrlError(u.origin);
}

export function sessionCookieName(mode: CookieMode): string {
  return mode === 'secure' ? SESSION_COOKIE : LOOPBACK_SESSION_COOKIE;
}

function attributes(mode: CookieMode, maxAgeSec: number): string {
  // Lax: the cookie comes along when someone follows a link to the console from a mail or a chat,
  // but not on another site's form posts; the CSRF token and origin check cover the rest.
  const secure = mode === 'secure' ? '; Secure' : '';
  return `Path=/; Max-Age=${maxAgeSec}; HttpOnly${secure}; SameSite=Lax`;
}

/** The Set-Cookie value for a new session; it lives until the session's absolute end. */
export function serializeSessionCookie(
  id: string,
  o: { mode: CookieMode; expiresAt: number; now?: number },
): string {
  if (!isTokenShaped(id))
    throw new RecordInvalidError('a session cookie takes an id made by the session store');
  const maxAgeSec = Math.max(0, Math.floor((o.expiresAt - (o.now ?? Date.now())) / 1000));
  return `${sessionCookieName(o.mode)}=${id}; ${attributes(o.mode, maxAgeSec)}`;
}

/** The Set-Cookie value that makes the browser forget the session cookie (sign-out). */
export function clearSessionCookie(mode: CookieMode): string {
  return `${sessionCookieName(mode)}=; ${attributes(mode, 0)}`;
}

/**
 * The session id of a Cookie header: the first value of the mode's cookie that has the shape of an
 * id, so a malformed duplicate neither hides a good one nor reaches the database.
 */
export function readSessionCookie(
  header: string | readonly string[] | undefined,
  mode: CookieMode,
): string | undefined {
  return findCookie(header, sessionCookieName(mode), isTokenShaped);
}

const isSpace = (c: number) => c === 32 || c === 9;

/**
 * The first value of cookie `name` that `accept` takes, in one pass over `header` (RFC 6265 §5.4
 * pairs separated by `;`, spaces around names and values ignored, a value in double quotes unquoted).
 * Each pair is looked at once and only a pair whose name has the right length is compared.
 */
export function findCookie(
  header: string | readonly string[] | undefined,
  name: string,
  accept: (value: string) => boolean = () => true,
): string | undefined {
  if (header === undefined) return undefined;
  const h = typeof header === 'string' ? header : header.join('; ');
  let start = 0;
  // The next `=` at or after `start`, searched again only once passed: a run of pairs without one
  // would otherwise send each search to the end of the header.
  let eq = -1;
  while (start <= h.length) {
    let end = h.indexOf(';', start);
    if (end === -1) end = h.length;
    if (eq !== h.length && eq < start) {
      eq = h.indexOf('=', start);
      if (eq === -1) eq = h.length;
    }
    if (eq < end) {
      let ns = start;
      let ne = eq;
      while (ns < ne && isSpace(h.charCodeAt(ns))) ns++;
      while (ne > ns && isSpace(h.charCodeAt(ne - 1))) ne--;
      if (ne - ns === name.length && h.startsWith(name, ns)) {
        let vs = eq + 1;
        let ve = end;
        while (vs < ve && isSpace(h.charCodeAt(vs))) vs++;
        while (ve > vs && isSpace(h.charCodeAt(ve - 1))) ve--;
        if (ve - vs >= 2 && h.charCodeAt(vs) === 34 && h.charCodeAt(ve - 1) === 34) {
          vs++;
          ve--;
        }
        const value = h.slice(vs, ve);
        if (accept(value)) return value;
      }
    }
    start = end + 1;
  }
  return undefined;
}
