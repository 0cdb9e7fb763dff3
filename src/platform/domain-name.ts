// A domain name in its one comparable form, for every feature that compares domains (the threat-intel
// indicators, the accounts portal's addresses and templates): lower-case punycode through node:url's
// domainToASCII (UTS #46, as browsers do), so a look-alike name and its xn-- form are one name.
import { domainToASCII } from 'node:url';

/** RFC 1035's longest name in text form, less the root dot. */
export const MAX_DOMAIN = 253;

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Underscores occur in real DNS names (`_dmarc`, SRV owners) that indicators may name. */
const LABEL_UNDERSCORE = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const NUMERIC = /^[0-9]+$/;

/**
 * The canonical (lower-case, punycode) form of a domain name, or undefined. A trailing root dot is
 * dropped. At least two labels: a single label names no host on the internet. Host names take only
 * letters, digits and hyphens; `underscores` also takes `_` in any label but the last.
 */
export function canonicalDomain(value: string, opts: { underscores?: boolean } = {}): string | undefined {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name.length === 0 || name.length > 4 * MAX_DOMAIN || /[/?#@:\\\s%*]/.test(name)) return undefined;
  const ascii = domainToASCII(name);
  if (ascii === '' || ascii.length > MAX_DOMAIN) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2) return undefined;
  const label = opts.underscores ? LABEL_UNDERSCORE : LABEL;
  for (const l of labels) if (!label.test(l)) return undefined;
  const top = labels[labels.length - 1] as string;
  // A numeric last label is an IPv4 address in disguise (WHATWG parses 1.2.3.04 as one) or nothing.
  if (NUMERIC.test(top) || top.includes('_')) return undefined;
  return ascii;
}
