// SPF, DKIM, DMARC and ARC results as the receiving side recorded them: Authentication-Results
// (RFC 8601), ARC-Authentication-Results (RFC 8617) and Received-SPF (RFC 7208 §9.1).
// Only the topmost header of each kind is read: it is the one our own mail system added; lower ones
// may come from the sender and prove nothing. Signatures are not verified here (no network, no keys).
import { replaceDelimited } from '../parse/scan.js';
import { firstHeader, headerValues } from './headers.js';
import type { ParsedMessage } from '../parse/index.js';

export interface AuthResults {
  spf: string | null;
  dkim: string | null;
  dmarc: string | null;
  arc: string | null;
  /** Microsoft's composite authentication (compauth=), when present. */
  compauth: string | null;
  /** Which header each verdict came from, for the analyst. */
  sources: string[];
}

/** `method=result` pairs of one Authentication-Results value, first result per method. */
export function parseAuthResults(value: string): Map<string, string> {
  const out = new Map<string, string>();
  // Comments may contain `x=y`; drop them before matching (as /\([^)]*\)/g did, in one pass).
  const flat = replaceDelimited(value, '(', ')', ' ');
  for (const m of flat.matchAll(/(?:^|[;\s])([a-z][a-z0-9-]*)\s*=\s*([a-z]+)\b/gi)) {
    const method = (m[1] ?? '').toLowerCase();
    if (!['spf', 'dkim', 'dmarc', 'arc', 'compauth'].includes(method)) continue;
    if (!out.has(method)) out.set(method, (m[2] ?? '').toLowerCase());
  }
  return out;
}

/** The ARC-Authentication-Results with the highest instance (`i=`), i.e. the last ARC hop. */
function latestArc(message: ParsedMessage): string | null {
  let best: { i: number; v: string } | null = null;
  for (const v of headerValues(message, 'ARC-Authentication-Results')) {
    const i = Number(/\bi\s*=\s*(\d+)/i.exec(v)?.[1] ?? 0);
    if (!best || i > best.i) best = { i, v };
  }
  return best?.v ?? null;
}

export function authenticationResults(message: ParsedMessage): AuthResults {
  const result: AuthResults = { spf: null, dkim: null, dmarc: null, arc: null, compauth: null, sources: [] };
  const ar = firstHeader(message, 'Authentication-Results');
  if (ar) {
    const r = parseAuthResults(ar);
    result.spf = r.get('spf') ?? null;
    result.dkim = r.get('dkim') ?? null;
    result.dmarc = r.get('dmarc') ?? null;
    result.arc = r.get('arc') ?? null;
    result.compauth = r.get('compauth') ?? null;
    result.sources.push('Authentication-Results');
  }
  const arc = latestArc(message);
  if (arc) {
    const r = parseAuthResults(arc);
    result.arc ??= r.get('arc') ?? null;
    // What an earlier hop saw counts only where our own header said nothing.
    result.spf ??= r.get('spf') ?? null;
    result.dkim ??= r.get('dkim') ?? null;
    result.dmarc ??= r.get('dmarc') ?? null;
    result.sources.push('ARC-Authentication-Results');
  }
  const rspf = firstHeader(message, 'Received-SPF');
  if (rspf && result.spf === null) {
    result.spf = /^\s*([a-z]+)/i.exec(rspf)?.[1]?.toLowerCase() ?? null;
    result.sources.push('Received-SPF');
  }
  return result;
}
