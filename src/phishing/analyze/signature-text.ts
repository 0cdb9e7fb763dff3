// graphsoc's own DKIM and ARC verification in words, one line per method, for the Archer description
// and `phishing analyze`'s text. Plain text with the message's values in it: callers escape and defang.
import type { VerifiedDkim, VerifiedSignatures } from './verified-signatures.js';

const WHY: Record<string, string> = {
  'body-hash': 'body changed',
  signature: 'signature mismatch',
  'no-key': 'no key published',
  'invalid-key': 'unusable key',
  expired: 'expired',
  'weak-key': 'key too short',
};

/** At most this many signatures named; a message rarely has more than three. */
const SHOWN = 5;

function one(s: VerifiedDkim): string {
  const why = s.why ? ` (${WHY[s.why] ?? s.why})` : '';
  return `${s.domain}${s.selector ? ` s=${s.selector}` : ''}: ${s.result}${why}`;
}

export function signatureLines(v: VerifiedSignatures): string[] {
  if (v.status === 'skipped') return [`Own signature check: not run, ${v.note ?? 'no reason given'}`];
  if (v.status === 'temperror')
    return [`Own signature check: temperror, ${v.note ?? 'DNS did not answer'} (no evidence either way)`];
  const more = v.dkim.length > SHOWN ? `; ${v.dkim.length - SHOWN} more` : '';
  const dkim = v.dkim.length > 0 ? v.dkim.slice(0, SHOWN).map(one).join('; ') + more : 'none (not signed)';
  const arc = v.arc
    ? `${v.arc.result}${v.arc.instance ? ` (i=${v.arc.instance})` : ''}${v.arc.why && v.arc.result !== 'pass' ? `: ${v.arc.why}` : ''}`
    : 'none';
  return [`DKIM, own check: ${dkim}`, `ARC, own check: ${arc}`];
}
