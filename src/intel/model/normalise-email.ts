// E-mail addresses: a dot-atom local part (RFC 5322 §3.2.3) at a domain that passes the domain
// rules. Quoted local parts, address literals ([1.2.3.4]) and non-ASCII local parts are rejected:
// no sink matches them reliably. The whole address is lower-cased: mail systems treat local parts
// case-insensitively in practice, and one address must be one indicator.
import { canonicalDomain } from './normalise-host.js';
import { MAX_LENGTH, type NormaliseResult, hasSpace, normalised } from './normalised.js';
import { reject } from './rejection.js';

/** atext of RFC 5322 and dots between atoms; checked with a bounded length, so linear. */
const ATOM = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+$/i;

export function normaliseEmail(claimed: string, value: string): NormaliseResult {
  if (value.length > MAX_LENGTH.email) return reject('TOO_LONG', claimed, value);
  if (hasSpace(value)) return reject('CONTAINS_SPACE', claimed, value);
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  if (at < 1 || local.length > 64 || !local.split('.').every((atom) => ATOM.test(atom)))
    return reject('INVALID_EMAIL', claimed, value);
  const domain = canonicalDomain(value.slice(at + 1));
  if (domain === undefined) return reject('INVALID_EMAIL', claimed, value);
  const address = `${local.toLowerCase()}@${domain}`;
  return address.length > MAX_LENGTH.email
    ? reject('TOO_LONG', claimed, value)
    : normalised('email', address);
}
