// The two short-lived cookies of signing in, beside the session cookie:
// - the flow cookie holds the state of the sign-in this browser started, so a sign-in answer is taken
//   only in the browser that asked for it (no one can finish their own sign-in in someone else's
//   browser: login CSRF on the callback);
// - the login token is the break-glass form's anti-forgery token before any session exists (a
//   double-submit cookie: the form's hidden field must equal it; another site can neither read it
//   nor, with the `__Host-` prefix, set it).
// Both HttpOnly, Path=/, and Secure with the `__Host-` prefix except on the loopback sandbox.
import { type CookieMode, csrfMatches, findCookie } from '../../platform/web-session/index.js';

export type SignInCookie = 'flow' | 'login';

const NAMES: Record<SignInCookie, string> = { flow: 'graphsoc-sign-in-flow', login: 'graphsoc-login-token' };
/** Lifetimes: the flow's ten minutes, and an hour for a sign-in page left open. */
const MAX_AGE_SEC: Record<SignInCookie, number> = { flow: 600, login: 3600 };

export function cookieName(kind: SignInCookie, mode: CookieMode): string {
  return mode === 'secure' ? `__Host-${NAMES[kind]}` : NAMES[kind];
}

export function setCookie(kind: SignInCookie, mode: CookieMode, value: string): string {
  const secure = mode === 'secure' ? '; Secure' : '';
  // Lax: the flow cookie must come along on the top-level GET back from Entra's host.
  return `${cookieName(kind, mode)}=${value}; Path=/; Max-Age=${MAX_AGE_SEC[kind]}; HttpOnly${secure}; SameSite=Lax`;
}

export function clearCookie(kind: SignInCookie, mode: CookieMode): string {
  const secure = mode === 'secure' ? '; Secure' : '';
  return `${cookieName(kind, mode)}=; Path=/; Max-Age=0; HttpOnly${secure}; SameSite=Lax`;
}

const tokenShaped = (v: string) => /^[A-Za-z0-9_-]{43}$/.test(v);

export function readCookie(
  header: string | readonly string[] | undefined,
  kind: SignInCookie,
  mode: CookieMode,
): string | undefined {
  return findCookie(header, cookieName(kind, mode), tokenShaped);
}

/** Whether the browser's cookie and the value it sent along (state, form field) are the same token. */
export function cookieMatches(
  header: string | readonly string[] | undefined,
  kind: SignInCookie,
  mode: CookieMode,
  given: unknown,
): boolean {
  const c = readCookie(header, kind, mode);
  return c !== undefined && csrfMatches(c, given);
}
