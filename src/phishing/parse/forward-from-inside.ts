// Whether a message is a colleague's plain forward of the phish rather than the phish itself: someone
// received it, forwarded it inline to a colleague ("is this real?"), and the colleague reported that
// forward. Its own headers then describe an internal hop, and only the forwarded header block in its
// body says who sent the phish. A phish may carry a fake forwarded block of its own (a made-up thread
// from the CEO), so the block replaces the message only when the message plainly comes from inside:
// a forward prefix in the subject, a sender in one of the forwarding domains, and no authentication
// failure recorded for it. Otherwise the message's real headers are the better evidence.
import { domainOfEmail, withinDomain } from './mail-domain.js';
import type { ParsedMessage } from './types.js';

/** Forward prefixes Outlook and webmail write: English, German, French, Spanish, Portuguese, Italian, Dutch, Nordic, Polish. */
const FORWARD_PREFIX = /^\s*(?:fwd?|wg|tr|rv|enc|i|doorst|vs|vb|vl|pd)\s*:/i;

/** An Authentication-Results verdict that says the sender was not who it claimed to be. */
const AUTH_FAILURE = /\b(?:spf|dkim|dmarc|compauth)\s*=\s*(?:fail|softfail|permerror)\b/i;

export function isForwardFromInside(m: ParsedMessage, forwarderDomains: readonly string[]): boolean {
  if (!m.from || !FORWARD_PREFIX.test(m.subject)) return false;
  const domain = domainOfEmail(m.from.address);
  if (!forwarderDomains.some((d) => withinDomain(domain, d))) return false;
  return !m.headers.some(
    (h) => h.name.toLowerCase() === 'authentication-results' && AUTH_FAILURE.test(h.value),
  );
}
