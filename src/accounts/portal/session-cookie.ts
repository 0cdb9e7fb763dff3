// The portal's cookie: `__Host-graphsoc-accounts` (Secure, so only over https) everywhere but plain
// http on loopback (the sandbox), where the browser would drop a Secure cookie. HttpOnly, SameSite=Lax
// (a link from the mail still carries it; another site's form post does not), Path=/. The mode comes
// from the configured public URL, or from the connection itself (never a header a client could set)
// when none is configured.
import type { FastifyRequest } from 'fastify';
import { findCookie } from '../../platform/web-session/index.js';

export const PORTAL_COOKIE = '__Host-graphsoc-accounts';
export const LOOPBACK_PORTAL_COOKIE = 'graphsoc-accounts';

export type PortalCookieMode = 'secure' | 'loopback-http';

const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

export function cookieMode(req: FastifyRequest, publicUrl: string | undefined): PortalCookieMode {
  if (publicUrl !== undefined) {
    const u = new URL(publicUrl);
    return u.protocol === 'http:' && isLoopback(u.hostname) ? 'loopback-http' : 'secure';
  }
  // Without a public URL: plain http counts as loopback only when the socket's peer is loopback too.
  const peer = req.socket?.remoteAddress ?? '';
  const loopbackPeer = peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
  return req.protocol === 'http' && loopbackPeer ? 'loopback-http' : 'secure';
}

const nameOf = (mode: PortalCookieMode) => (mode === 'secure' ? PORTAL_COOKIE : LOOPBACK_PORTAL_COOKIE);

export function portalCookie(mode: PortalCookieMode, value: string, maxAgeSec: number): string {
  const secure = mode === 'secure' ? '; Secure' : '';
  return `${nameOf(mode)}=${value}; Path=/; Max-Age=${Math.max(0, maxAgeSec)}; HttpOnly${secure}; SameSite=Lax`;
}

const tokenShaped = (v: string) => /^[A-Za-z0-9_-]{43}$/.test(v);

export function readPortalCookie(req: FastifyRequest, mode: PortalCookieMode): string | undefined {
  return findCookie(req.headers.cookie, nameOf(mode), tokenShaped);
}

/** The origin forms must come from: the public URL's, else this request's own (Host as received). */
export function expectedOrigin(req: FastifyRequest, publicUrl: string | undefined): string {
  if (publicUrl !== undefined) return new URL(publicUrl).origin;
  try {
    return new URL(`${req.protocol}://${req.host}`).origin;
  } catch {
    return 'null-origin:invalid-host';
  }
}
