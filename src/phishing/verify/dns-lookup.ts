// The DNS look-ups signature verification makes: TXT records of DKIM and ARC keys
// (<selector>._domainkey.<domain>), answered by the system's resolvers or phishing.dnsServers.
import { Resolver } from 'node:dns/promises';

/**
 * mailauth's resolver shape: a name and a record type to the records, TXT as node:dns gives them
 * (each record its strings). Rejects with an error whose `code` is node:dns's (ENOTFOUND and ENODATA
 * mean no key; anything else is a temporary failure).
 */
export type DnsLookup = (name: string, rrtype: string) => Promise<string[][]>;

/** An error carrying a node:dns code, which is what mailauth reads. */
export class DnsLookupError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DnsLookupError';
  }
}

/** TXT look-ups through `servers` (IP addresses), or the system's when none; one try each. */
export function systemDnsLookup(options: { servers?: readonly string[]; timeoutMs: number }): DnsLookup {
  // One try: a key that does not come within the timeout is a temperror, and the next report should
  // not wait node's default four tries of it.
  const resolver = new Resolver({ timeout: options.timeoutMs, tries: 1 });
  if (options.servers && options.servers.length > 0) resolver.setServers([...options.servers]);
  return async (name, rrtype) => {
    // Keys are TXT records; verification asks for nothing else.
    if (rrtype !== 'TXT') throw new DnsLookupError('ENOTIMP', `no ${rrtype} look-ups for signatures`);
    return resolver.resolveTxt(name);
  };
}
