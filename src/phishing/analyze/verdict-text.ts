// How a verdict reads wherever a person reads it (the Archer description, `phishing analyze`): each
// reason with its points and code, the score with the thresholds it was judged by. Plain text; the
// caller escapes it for its medium.
import type { Reason } from './reason.js';
import type { Thresholds } from './verdict-options.js';

/** `(+3, AUTH_DMARC_FAIL)`: what a reason added to the score, and the code to look up or configure. */
export const pointsNote = (r: Pick<Reason, 'code' | 'points'>): string => `(+${r.points}, ${r.code})`;

/**
 * `score 7: malicious at 6, suspicious at 3`; `score 7` alone for a verdict stored before it kept its
 * thresholds (they may have changed since, so today's are not put in their place).
 */
export function scoreNote(v: { score: number; thresholds?: Thresholds | undefined }): string {
  const t = v.thresholds;
  return t
    ? `score ${v.score}: malicious at ${t.malicious}, suspicious at ${t.suspicious}`
    : `score ${v.score}`;
}
