// Score = sum of the points of every reason; the level follows from two thresholds.
import type { Facts } from './facts.js';
import { RULES, type Reason } from './rules.js';

export type VerdictLevel = 'clean' | 'suspicious' | 'malicious';

export interface Verdict {
  level: VerdictLevel;
  score: number;
  reasons: Reason[];
}

export function verdict(facts: Facts): Verdict {
  const reasons = RULES.flatMap((rule) => rule(facts));
  const score = reasons.reduce((s, r) => s + r.points, 0);
  const { suspicious, malicious } = facts.options.thresholds;
  const level: VerdictLevel = score >= malicious ? 'malicious' : score >= suspicious ? 'suspicious' : 'clean';
  return { level, score, reasons };
}
