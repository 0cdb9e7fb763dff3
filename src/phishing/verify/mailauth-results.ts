// mailauth's DKIM and ARC results in graphsoc's terms (analyze/verified-signatures.ts). mailauth
// reports a body hash mismatch, a missing key and an expired signature all as `neutral`, with the
// reason in a comment; graphsoc tells them apart, because only a mismatch is evidence against the
// message, and a DNS failure is evidence of nothing.
import type { ARCResult, DKIMResult } from 'mailauth';
import type { VerifiedArc, VerifiedDkim } from '../analyze/index.js';

/** mailauth's comments (lib/dkim/dkim-verifier.js) → our `why`. */
const NEUTRAL: Record<string, { result: VerifiedDkim['result']; why: string }> = {
  'body hash did not verify': { result: 'fail', why: 'body-hash' },
  'no key': { result: 'permerror', why: 'no-key' },
  'unknown key version': { result: 'permerror', why: 'invalid-key' },
  'unknown key type': { result: 'permerror', why: 'invalid-key' },
  'invalid public key': { result: 'permerror', why: 'invalid-key' },
  expired: { result: 'permerror', why: 'expired' },
  'invalid expiration': { result: 'permerror', why: 'expired' },
};

/** A value the message wrote (d=, s=, a=), kept short: it is shown to analysts and stored. */
const short = (v: unknown): string | null => (typeof v === 'string' && v ? v.slice(0, 253) : null);

function outcome(status: DKIMResult['status']): Pick<VerifiedDkim, 'result' | 'why'> {
  const comment = typeof status.comment === 'string' ? status.comment : '';
  switch (status.result) {
    case 'pass':
      return { result: 'pass', why: null };
    case 'fail':
      return { result: 'fail', why: 'signature' };
    case 'policy':
      return { result: 'policy', why: 'weak-key' };
    case 'temperror':
    case 'temperr':
      return { result: 'temperror', why: comment.slice(0, 100) || 'dns' };
    default:
      // A crypto error of a malformed signature or key: the signature cannot be judged.
      return NEUTRAL[comment] ?? { result: 'permerror', why: comment.slice(0, 100) || status.result };
  }
}

/** One entry per DKIM-Signature; mailauth's stand-in result for an unsigned message is left out. */
export function dkimResults(results: readonly DKIMResult[]): VerifiedDkim[] {
  return results
    .filter((r) => r.status.result !== 'none' && typeof r.signingDomain === 'string')
    .map((r) => ({
      domain: short(r.signingDomain) ?? '',
      selector: short(r.selector),
      algorithm: short((r as { algo?: unknown }).algo),
      ...outcome(r.status),
    }));
}

/**
 * The chain's verdict. mailauth calls every problem of a chain a failure, DNS failures included, so a
 * failure during which a key look-up failed for a passing reason (or whose message signature met one)
 * is a temperror here.
 */
export function arcResult(result: ARCResult, dnsTroubled: boolean): VerifiedArc {
  const instance = typeof result.i === 'number' && result.i > 0 ? result.i : null;
  const comment = typeof result.status.comment === 'string' ? result.status.comment.slice(0, 200) : null;
  if (result.status.result === 'pass') return { result: 'pass', instance, why: null };
  if (result.status.result === 'fail')
    return dnsTroubled
      ? { result: 'temperror', instance, why: 'dns' }
      : { result: 'fail', instance, why: comment };
  return { result: 'none', instance: null, why: null };
}
