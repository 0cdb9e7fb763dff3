// Hosts: IPv4 and IPv6 addresses, CIDR blocks and domain names, each checked and put in canonical
// form. Internationalised names become punycode through node:url's domainToASCII (UTS #46, as
// browsers do), so a look-alike name and its xn-- form are one indicator.
import { canonicalDomain as canonicalDomainName } from '../../platform/domain-name.js';
import { formatIp, networkOf, parseCidr, parseIp } from './ip.js';
import { MAX_LENGTH, type NormaliseResult, hasSpace, normalised } from './normalised.js';
import { reject } from './rejection.js';
import type { IndicatorType } from './types.js';

/** An address, `[v6]` accepted, as ipv4 or ipv6 in canonical text. */
export function normaliseIp(claimed: string, value: string): NormaliseResult {
  const bare = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  const ip = parseIp(bare);
  if (!ip) return reject(hasSpace(value) ? 'CONTAINS_SPACE' : 'INVALID_IP', claimed, value);
  return normalised(ip.family === 4 ? 'ipv4' : 'ipv6', formatIp(ip));
}

/**
 * A CIDR block as its network address and prefix (198.51.100.7/24 → 198.51.100.0/24); a block of
 * one address (/32, /128) is that address, which more sinks accept than a block.
 */
export function normaliseCidr(claimed: string, value: string): NormaliseResult {
  const block = parseCidr(value);
  if (!block) return reject('INVALID_CIDR', claimed, value);
  const width = block.ip.bytes.length * 8;
  if (block.prefix === width) return normalised(block.ip.family === 4 ? 'ipv4' : 'ipv6', formatIp(block.ip));
  const network = { family: block.ip.family, bytes: networkOf(block.ip.bytes, block.prefix) };
  return normalised('cidr', `${formatIp(network)}/${block.prefix}`);
}

/**
 * The canonical form of a domain name an indicator names (underscores allowed, as in `_dmarc`), or
 * undefined.
 */
export const canonicalDomain = (value: string): string | undefined =>
  canonicalDomainName(value, { underscores: true });

export function normaliseDomain(claimed: string, value: string): NormaliseResult {
  const domain = canonicalDomain(value);
  if (domain !== undefined) return normalised('domain', domain);
  if (hasSpace(value)) return reject('CONTAINS_SPACE', claimed, value);
  return reject(value.length > MAX_LENGTH.domain ? 'TOO_LONG' : 'INVALID_DOMAIN', claimed, value);
}

/**
 * A value claimed as an address, block or domain: an address or block is what it looks like (a
 * DOMAIN observable holding 1.2.3.4 is an ipv4 indicator); what claims to be an address but is not
 * one is rejected rather than guessed at.
 */
export function normaliseHost(claimed: IndicatorType, value: string): NormaliseResult {
  if (value.includes('/')) {
    const slash = value.indexOf('/');
    if (parseIp(value.slice(0, slash))) return normaliseCidr(claimed, value);
    return reject(claimed === 'domain' ? 'INVALID_DOMAIN' : 'INVALID_CIDR', claimed, value);
  }
  const ip = normaliseIp(claimed, value);
  if (ip.ok) return ip;
  if (claimed === 'domain') return normaliseDomain(claimed, value);
  return claimed === 'cidr' ? reject('INVALID_CIDR', claimed, value) : ip;
}
