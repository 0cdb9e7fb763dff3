// Whether an indicator falls under a sink's allow-lists: its host (the domain itself, a URL's host,
// an address's domain) against the domain sets, its address or block against the ranges.
import { isIP } from 'node:net';
import type { Indicator } from '../model/indicator.js';
import { type CidrBlock, overlaps, parseCidr, parseIp } from '../model/ip.js';
import type { CompiledPolicy } from './compile.js';
import { EMPTY_FILE_HASHES } from './reserved.js';

export type AllowReason =
  | 'OWN_DOMAIN'
  | 'ALLOW_LISTED_DOMAIN'
  | 'RESERVED_NAME'
  | 'ALLOW_LISTED_RANGE'
  | 'RESERVED_RANGE'
  | 'EMPTY_FILE_HASH';

/** The host part an indicator names, as a domain or an address block; none for hashes and names. */
function hostOf(i: Indicator): { domain: string } | { block: CidrBlock } | undefined {
  switch (i.type) {
    case 'domain':
      return { domain: i.value };
    case 'email':
      return { domain: i.value.slice(i.value.lastIndexOf('@') + 1) };
    case 'url': {
      const host = new URL(i.value).hostname;
      const bare = host.startsWith('[') ? host.slice(1, -1) : host;
      return isIP(bare) ? addressBlock(bare) : { domain: host };
    }
    case 'ipv4':
    case 'ipv6':
      return addressBlock(i.value);
    case 'cidr': {
      const b = parseCidr(i.value);
      return b && { block: b };
    }
    default:
      return undefined;
  }
}

function addressBlock(text: string): { block: CidrBlock } | undefined {
  const ip = parseIp(text);
  return ip && { block: { ip, prefix: ip.bytes.length * 8 } };
}

/** The name itself or any name it is under (a.b.example → a.b.example, b.example, example). */
function underAny(domain: string, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  for (let d = domain; ; ) {
    if (names.has(d)) return true;
    const dot = d.indexOf('.');
    if (dot < 0) return false;
    d = d.slice(dot + 1);
  }
}

export function allowListed(i: Indicator, p: CompiledPolicy): AllowReason | undefined {
  if (p.policy.skipEmptyFileHashes && EMPTY_FILE_HASHES.has(i.value)) return 'EMPTY_FILE_HASH';
  const host = hostOf(i);
  if (host === undefined) return undefined;
  if ('domain' in host) {
    if (underAny(host.domain, p.ownDomains)) return 'OWN_DOMAIN';
    if (underAny(host.domain, p.allowDomains)) return 'ALLOW_LISTED_DOMAIN';
    return underAny(host.domain, p.reservedNames) ? 'RESERVED_NAME' : undefined;
  }
  if (p.allowRanges.some((r) => overlaps(r, host.block))) return 'ALLOW_LISTED_RANGE';
  return p.reservedRanges.some((r) => overlaps(r, host.block)) ? 'RESERVED_RANGE' : undefined;
}
