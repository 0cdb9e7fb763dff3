// Score = sum of the points of every reason; the level follows from two thresholds. Both come from
// the configuration (phishing.verdict); a reason code set to 0 points gives no reason at all.
import type { Facts } from './facts.js';
import { RULES, type Reason } from './rules.js';
import type { Thresholds } from './verdict-options.js';

export type VerdictLevel = 'clean' | 'suspicious' | 'malicious';

export interface Verdict {
  level: VerdictLevel;
  score: number;
  reasons: Reason[];
  /** The thresholds the level was judged by, so a record says it after the configuration changed. */
  thresholds: Thresholds;
}

export function verdict(facts: Facts): Verdict {
  const reasons = RULES.flatMap((rule) => rule(facts)).filter((r) => r.points > 0);
  const score = reasons.reduce((s, r) => s + r.points, 0);
  const { suspicious, malicious } = facts.options.verdict.thresholds;
  const level: VerdictLevel = score >= malicious ? 'malicious' : score >= suspicious ? 'suspicious' : 'clean';
  return { level, score, reasons, thresholds: { suspicious, malicious } };
}
