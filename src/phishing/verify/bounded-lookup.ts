// A DnsLookup held to limits: a timeout per look-up, a number of look-ups per message, and an end
// when the verification's budget is spent. A hostile message names as many signatures, domains and
// selectors as it likes; each costs a look-up and time, so both are capped here whatever the resolver.
import { type DnsLookup, DnsLookupError } from './dns-lookup.js';

export interface BoundedLookup {
  lookup: DnsLookup;
  /** Look-ups that failed for a passing reason (timeout, SERVFAIL, the cap): no evidence either way. */
  temporaryFailures(): number;
  /** Ends the look-ups under way and refuses further ones. */
  abort(): void;
}

/** node:dns codes that mean there is no such record: a permanent answer, not a failure of DNS. */
const NO_RECORD = new Set(['ENOTFOUND', 'ENODATA']);

export function boundedLookup(
  inner: DnsLookup,
  limits: { timeoutMs: number; maxLookups: number },
): BoundedLookup {
  let made = 0;
  let temporary = 0;
  let aborted = false;
  const pending = new Set<(e: Error) => void>();
  const lookup: DnsLookup = async (name, rrtype) => {
    if (aborted) throw new DnsLookupError('ECANCELLED', 'verification budget spent');
    if (++made > limits.maxLookups) {
      temporary++;
      throw new DnsLookupError('ELIMIT', `more than ${limits.maxLookups} key look-ups`);
    }
    let reject: (e: Error) => void = () => {};
    const stopped = new Promise<never>((_, r) => {
      reject = r;
    });
    pending.add(reject);
    const timer = setTimeout(
      () => reject(new DnsLookupError('ETIMEOUT', `no answer for ${name} in ${limits.timeoutMs} ms`)),
      limits.timeoutMs,
    );
    try {
      return await Promise.race([inner(name, rrtype), stopped]);
    } catch (e) {
      const code = (e as { code?: unknown })?.code;
      if (typeof code !== 'string' || !NO_RECORD.has(code)) temporary++;
      // mailauth reads `code`; an error without one (a resolver's bug) is a temporary failure too.
      throw typeof code === 'string' ? e : new DnsLookupError('EFAILED', String((e as Error)?.message ?? e));
    } finally {
      clearTimeout(timer);
      pending.delete(reject);
    }
  };
  return {
    lookup,
    temporaryFailures: () => temporary,
    abort() {
      aborted = true;
      for (const r of pending) r(new DnsLookupError('ECANCELLED', 'verification budget spent'));
    },
  };
}
