// DKIM and ARC results of graphsoc's own verification of the original (src/phishing/verify/): an input
// to analysis like its options, produced before it, since verification needs DNS and analysis has no
// I/O. The receiving organisation's Authentication-Results say what its mail system saw at receipt;
// these say what the signatures prove now, whoever wrote the headers above that hop.
import { z } from 'zod';
import { registrableDomain } from './domains.js';

/**
 * One DKIM-Signature's outcome. `fail`: the signature or the body hash does not match (`why` says
 * which); `permerror`: the signature cannot be checked (no key, a malformed or revoked key, expired);
 * `temperror`: DNS did not answer in time or failed (SERVFAIL): no evidence either way; `policy`: the
 * key is shorter than the allowed minimum.
 */
export const verifiedDkimSchema = z.object({
  domain: z.string(),
  selector: z.string().nullable(),
  algorithm: z.string().nullable(),
  result: z.enum(['pass', 'fail', 'policy', 'permerror', 'temperror']),
  /** `body-hash`, `signature`, `no-key`, `expired`, … (see verify/mailauth-results.ts). */
  why: z.string().nullable(),
});
export type VerifiedDkim = z.infer<typeof verifiedDkimSchema>;

export const verifiedArcSchema = z.object({
  result: z.enum(['pass', 'fail', 'none', 'permerror', 'temperror']),
  /** The highest ARC instance (i=) of the chain; null without one. */
  instance: z.number().int().nullable(),
  why: z.string().nullable(),
});
export type VerifiedArc = z.infer<typeof verifiedArcSchema>;

export const verifiedSignaturesSchema = z.object({
  /**
   * `verified`: the results below are complete; `skipped`: nothing was verified (`note` says why: no
   * original MIME, too many signatures); `temperror`: verification did not finish within its budget.
   */
  status: z.enum(['verified', 'skipped', 'temperror']),
  note: z.string().nullable(),
  /** One per DKIM-Signature of the original, in its order (empty when unsigned). */
  dkim: z.array(verifiedDkimSchema),
  arc: verifiedArcSchema.nullable(),
});
export type VerifiedSignatures = z.infer<typeof verifiedSignaturesSchema>;

/** Whether a signature speaks for the From domain's organisation (DMARC's relaxed alignment). */
export function alignedWith(fromOrg: string | null, s: VerifiedDkim): boolean {
  return fromOrg !== null && (registrableDomain(s.domain) ?? s.domain.toLowerCase()) === fromOrg;
}

/**
 * The one DKIM outcome that settles the question, as the header's DKIM verdict is chosen: a pass of the
 * From domain's organisation, else its failure, else any pass, else any failure; null when no signature
 * could be judged (none, permerror, temperror, policy only).
 */
export function decisiveDkim(
  v: VerifiedSignatures | null | undefined,
  fromOrg: string | null,
): { signature: VerifiedDkim; aligned: boolean } | null {
  if (v?.status !== 'verified') return null;
  const pick = (result: 'pass' | 'fail', aligned: boolean) =>
    v.dkim.find((s) => s.result === result && alignedWith(fromOrg, s) === aligned);
  const aligned = pick('pass', true) ?? pick('fail', true);
  if (aligned) return { signature: aligned, aligned: true };
  const other = pick('pass', false) ?? pick('fail', false);
  return other ? { signature: other, aligned: false } : null;
}

/** The ARC outcome when it is a verdict (pass or fail), else null. */
export function decisiveArc(v: VerifiedSignatures | null | undefined): VerifiedArc | null {
  if (v?.status !== 'verified' || !v.arc) return null;
  return v.arc.result === 'pass' || v.arc.result === 'fail' ? v.arc : null;
}
