// SPF, DKIM, DMARC, ARC and Microsoft's composite authentication as the receiving organisation
// recorded them: Authentication-Results (RFC 8601), ARC-Authentication-Results (RFC 8617) and
// Received-SPF (RFC 7208 §9.1).
// Only headers of the receiving organisation's own authserv-id count: that of the topmost
// Authentication-Results (the one our mail system added last), plus the ids the operator lists
// (phishing.authservIds). RFC 8601 §5 has a receiver remove headers that claim its id, so those are
// trustworthy; headers of other ids may come from the sender and prove nothing. Microsoft 365 writes
// its header without an id; an id-less header counts only when it is the topmost one, and then its
// ARC results (mx.microsoft.com) count too.
// Signatures are not verified here (no network, no keys).
import { domainOfEmail } from '../parse/mail-domain.js';
import type { ParsedMessage } from '../parse/index.js';
import { type MethodResult, parseAuthHeader } from './auth-header.js';
import { registrableDomain } from './domains.js';
import { firstHeader, headerValues } from './headers.js';

export interface AuthDetail extends Omit<MethodResult, 'comment'> {
  source: 'Authentication-Results' | 'ARC-Authentication-Results';
}

export interface AuthResults {
  spf: string | null;
  dkim: string | null;
  dmarc: string | null;
  arc: string | null;
  /** Microsoft's composite authentication (compauth=), when present. */
  compauth: string | null;
  /** Which header each verdict came from, for the analyst. */
  sources: string[];
  /** compauth's `reason=` (000 explicit failure, 001 implicit, 1xx pass, …), when present. */
  compauthReason?: string | null;
  /** The DMARC policy applied or requested: Microsoft's `action=` or the `p=`/`dis=` a comment gives. */
  dmarcPolicy?: string | null;
  /** Whether the DKIM verdict comes from a signature of the From domain's organisation. */
  dkimAligned?: boolean | null;
  /** The authserv-ids whose headers were read ('' for Microsoft's id-less header). */
  authservIds?: string[];
  /** Every result of those headers, in order, with its properties. */
  details?: AuthDetail[];
}

export interface AuthOptions {
  /** Further authserv-ids of the receiving organisation, lower case. */
  authservIds?: readonly string[];
}

const MICROSOFT_ARC_ID = 'mx.microsoft.com';

/** Every result kept per message, whatever the headers hold. */
const MAX_DETAILS = 100;

const UNEVALUATED = new Set(['temperror', 'permerror']);
const FAILED = new Set(['fail', 'hardfail', 'permfail']);

/** The organisation a DKIM result speaks for: header.d, else the domain of header.i. */
function signer(r: MethodResult | AuthDetail): string | null {
  const d = r.props['header.d'] ?? (r.props['header.i'] ? domainOfEmail(r.props['header.i']) : '');
  return d && d !== 'none' ? (registrableDomain(d) ?? d.toLowerCase()) : null;
}

/**
 * One DKIM verdict from every signature's result: a pass aligned with From beats everything, a failure
 * aligned with From beats unaligned passes, then any pass beats unrelated failures, then any failure.
 */
function dkimVerdict(
  results: AuthDetail[],
  fromOrg: string | null,
): { result: string; aligned: boolean | null } | null {
  if (results.length === 0) return null;
  const aligned = (r: AuthDetail) => fromOrg !== null && signer(r) === fromOrg;
  const pick = (p: (r: AuthDetail) => boolean) => results.find(p);
  const found =
    pick((r) => r.result === 'pass' && aligned(r)) ??
    pick((r) => FAILED.has(r.result) && aligned(r)) ??
    pick((r) => r.result === 'pass') ??
    pick((r) => FAILED.has(r.result)) ??
    pick((r) => !UNEVALUATED.has(r.result)) ??
    results[0];
  if (!found) return null;
  return {
    result: found.result,
    aligned: fromOrg === null || signer(found) === null ? null : aligned(found),
  };
}

/** Google and others give the policy in a comment: `(p=REJECT sp=REJECT dis=NONE)`. */
function policyOf(r: MethodResult): string | null {
  if (r.props.action) return r.props.action.toLowerCase();
  const dis = /\bdis=([a-z]+)/i.exec(r.comment)?.[1];
  if (dis && dis.toLowerCase() !== 'none') return dis.toLowerCase();
  return /\bp=([a-z]+)/i.exec(r.comment)?.[1]?.toLowerCase() ?? null;
}

/** The headers of the organisation's ids, topmost first: Authentication-Results, then ARC's highest instance. */
function ownHeaders(message: ParsedMessage, options: AuthOptions) {
  const ar = headerValues(message, 'Authentication-Results').map((v) => parseAuthHeader(v));
  const top = ar[0];
  const ids = new Set((options.authservIds ?? []).map((i) => i.toLowerCase()));
  if (top?.authservId) ids.add(top.authservId);
  const own = ar.filter((h, i) => (h.authservId ? ids.has(h.authservId) : i === 0));
  let arc: ReturnType<typeof parseAuthHeader> | null = null;
  for (const v of headerValues(message, 'ARC-Authentication-Results')) {
    const h = parseAuthHeader(v, true);
    if ((h.instance ?? 0) > (arc?.instance ?? -1)) arc = h;
  }
  // Microsoft 365 writes its own header without an id and its ARC results as mx.microsoft.com (with the
  // recipient's domain in smtp.rcpttodomain): under an id-less topmost header, both are its receiving side.
  const arcIds = top && !top.authservId ? new Set([...ids, MICROSOFT_ARC_ID]) : ids;
  return {
    own,
    arc: arc && arcIds.has(arc.authservId) ? arc : null,
    ids: [...new Set(own.map((h) => h.authservId))],
  };
}

export function authenticationResults(message: ParsedMessage, options: AuthOptions = {}): AuthResults {
  const result: AuthResults = { spf: null, dkim: null, dmarc: null, arc: null, compauth: null, sources: [] };
  const { own, arc, ids } = ownHeaders(message, options);
  const raw: Array<MethodResult & { source: AuthDetail['source'] }> = [
    ...own.flatMap((h) => h.results.map((r) => ({ ...r, source: 'Authentication-Results' as const }))),
    ...(arc?.results ?? []).map((r) => ({ ...r, source: 'ARC-Authentication-Results' as const })),
  ].slice(0, MAX_DETAILS);
  if (own.length > 0) result.sources.push('Authentication-Results');
  if (arc) result.sources.push('ARC-Authentication-Results');
  // What an earlier ARC hop saw counts only where our own headers said nothing.
  const of = (method: string) => {
    const mine = raw.filter((r) => r.method === method && r.source === 'Authentication-Results');
    return mine.length > 0 ? mine : raw.filter((r) => r.method === method);
  };
  const first = (method: string) => of(method)[0] ?? null;
  result.spf = first('spf')?.result ?? null;
  const fromOrg = message.from?.address ? registrableDomain(domainOfEmail(message.from.address)) : null;
  const dkim = dkimVerdict(of('dkim'), fromOrg);
  result.dkim = dkim?.result ?? null;
  const dmarc = first('dmarc');
  result.dmarc = dmarc?.result ?? null;
  result.arc = first('arc')?.result ?? null;
  const compauth = first('compauth');
  result.compauth = compauth?.result ?? null;
  const rspf = firstHeader(message, 'Received-SPF');
  if (rspf && result.spf === null) {
    result.spf = /^\s*([a-z]+)/i.exec(rspf)?.[1]?.toLowerCase() ?? null;
    result.sources.push('Received-SPF');
  }
  result.compauthReason = compauth?.props.reason ?? null;
  result.dmarcPolicy = dmarc ? policyOf(dmarc) : null;
  result.dkimAligned = dkim?.aligned ?? null;
  result.authservIds = ids;
  result.details = raw.map(({ comment: _, ...r }) => r);
  return result;
}

/** A result that means the check could not be run, not that it failed (RFC 8601 §2.7). */
export const isUnevaluated = (result: string | null): boolean => result !== null && UNEVALUATED.has(result);
