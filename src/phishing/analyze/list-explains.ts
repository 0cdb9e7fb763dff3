// Whether a discussion list explains an authentication failure: shared by the header rules and the
// rules on graphsoc's own signature checks.
import type { Facts } from './facts.js';

/**
 * A failure that a discussion list explains: the list resent the message (its envelope is the list's)
 * and the author's domain does not ask receivers to refuse failing mail (no DMARC quarantine or reject,
 * which a spoofer of a protected domain would meet).
 */
export function listExplains(f: Facts): boolean {
  const policy = f.auth.dmarcPolicy;
  return policy !== 'quarantine' && policy !== 'reject' && f.list.relayed;
}
