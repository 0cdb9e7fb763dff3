// How each source's type names map to the canonical types, the claim normalisation starts from.
// TruSTAR: ObservableTypes of API 2.0 (reference §1.4). A type missing here is passed through
// unchanged and rejected as UNSUPPORTED_TYPE, so the run's report names it.
import type { IndicatorType } from './types.js';

export const TRUSTAR_TYPES: Readonly<Record<string, IndicatorType>> = {
  IP4: 'ipv4',
  IP6: 'ipv6',
  CIDR_BLOCK: 'cidr',
  DOMAIN: 'domain',
  URL: 'url',
  EMAIL_ADDRESS: 'email',
  MD5: 'md5',
  SHA1: 'sha1',
  SHA256: 'sha256',
  // TruSTAR's SOFTWARE observables are file names in practice (invoice.exe); sinks match them as such.
  SOFTWARE: 'file-name',
};

/** The canonical type a TruSTAR type claims, or the TruSTAR name itself when none fits. */
export const claimFromTrustar = (type: string): IndicatorType | string =>
  Object.hasOwn(TRUSTAR_TYPES, type) ? (TRUSTAR_TYPES[type] as IndicatorType) : type;

/**
 * TruSTAR priority scores (indicators search) on the model's 0–100 scale: the four levels spread
 * evenly, BENIGN at 0. NOT_SCORED and -1 have no score; the policy's `unscoredAs` applies then.
 */
export function scoreFromTrustarPriority(priority: string | number | null | undefined): number | null {
  const levels: Record<string, number> = { BENIGN: 0, LOW: 33, MEDIUM: 67, HIGH: 100 };
  if (typeof priority === 'number')
    return priority >= 0 && priority <= 3 ? Math.round((priority * 100) / 3) : null;
  if (priority === null || priority === undefined) return null;
  const level = priority.toUpperCase();
  return Object.hasOwn(levels, level) ? (levels[level] as number) : null;
}
