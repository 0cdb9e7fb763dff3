// Hosts and registrable domains. Private suffixes count (allowPrivateDomains), so that
// x.attacker.github.io belongs to attacker.github.io, not to all of github.io.
import { isIP } from 'node:net';
import { parse } from 'tldts';

const OPTIONS = { allowPrivateDomains: true } as const;

/** The registrable domain of a host, URL or e-mail domain; null for IPs and suffix-only names. */
export function registrableDomain(hostOrUrl: string): string | null {
  const r = parse(hostOrUrl.toLowerCase(), OPTIONS);
  if (r.isIp) return null;
  return r.domain;
}

/** True when the host has a public suffix tldts knows (a real TLD, not `local` or `invalid`). */
export function hasKnownSuffix(host: string): boolean {
  const r = parse(host.toLowerCase(), OPTIONS);
  return r.isIcann === true || r.isPrivate === true;
}

export function hostOf(url: string): string | null {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host.replace(/^\[|\]$/g, '') || null;
  } catch {
    return null;
  }
}

export const isIpAddress = (s: string): boolean => isIP(s) !== 0;

export { domainOfEmail, withinDomain } from '../parse/mail-domain.js';
