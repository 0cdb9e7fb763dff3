// The Received chain: one hop per Received header, newest first as the message lists them.
// Only the from-clause IPs are taken (where the hop received from); by-clause IPs are our own relays.
import { isIP } from 'node:net';
import { replaceDelimited, replaceEach } from '../parse/scan.js';

export interface ReceivedHop {
  from: string | null;
  by: string | null;
  with: string | null;
  /** Valid IPs named in the from clause, e.g. `mail.x (203.0.113.4)` or `unknown [2001:db8::1]`. */
  ips: string[];
  /** ISO 8601, or null when the date after the last `;` does not parse. */
  timestamp: string | null;
}

// Loose candidates, each confirmed with isIP: dotted quads, and hex groups with colons that may end in
// a dotted quad (::ffff:198.51.100.7). Times such as 10:12:41 match here and fail isIP. Every
// quantifier is bounded, so an attempt costs at most a few dozen characters wherever it starts.
const CANDIDATE_IPS =
  /(?:\[?(?:IPv6:)?(?:[0-9a-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{1,4})?\]?|\b\d{1,3}(?:\.\d{1,3}){3}\b)/gi;

export function ipsIn(text: string): string[] {
  // A set, not a list search: a body of 100,000 different addresses must not cost 10^10 comparisons.
  const out = new Set<string>();
  for (const m of text.matchAll(CANDIDATE_IPS)) {
    const ip = m[0].replace(/^\[|\]$/g, '').replace(/^IPv6:/i, '');
    if (isIP(ip)) out.add(ip);
  }
  return [...out];
}

function clause(text: string, word: string): string | null {
  const m = new RegExp(`(?:^|\\s)${word}\\s+([^\\s;()]+)`, 'i').exec(text);
  return m?.[1] ?? null;
}

export function parseDate(text: string): string | null {
  // Comments dropped as /\([^)]*\)/g did, without its retry from every `(` of an unclosed one.
  const cleaned = replaceEach(replaceDelimited(text, '(', ')', ' '), /\s+/g, ' ').trim();
  const t = Date.parse(cleaned);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export function parseReceived(value: string): ReceivedHop {
  const flat = replaceEach(value, /\s+/g, ' ');
  const semi = flat.lastIndexOf(';');
  const main = semi >= 0 ? flat.slice(0, semi) : flat;
  const byAt = main.search(/(?:^|\s)by\s/i);
  const fromPart = byAt >= 0 ? main.slice(0, byAt) : main;
  return {
    from: /^\s*from\s/i.test(main) ? clause(main, 'from') : null,
    by: clause(main, 'by'),
    with: clause(main, 'with'),
    ips: /^\s*from\s/i.test(main) ? ipsIn(fromPart) : [],
    timestamp: semi >= 0 ? parseDate(flat.slice(semi + 1)) : null,
  };
}
