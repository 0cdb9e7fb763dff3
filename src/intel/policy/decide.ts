// The per-sink decision for one indicator, pure and deterministic: send it (with action, confidence,
// severity and expiry), skip it (a policy keeps it out) or expire it (its own data says it is no
// longer live). The engine sends a skipped or expired indicator's withdrawal only when the sink holds
// it from an earlier run; otherwise both just count.
import { createHash } from 'node:crypto';
import type { Indicator } from '../model/indicator.js';
import { contentHash } from '../model/key.js';
import { parseCidr } from '../model/ip.js';
import { tlpRank } from '../model/types.js';
import { type AllowReason, allowListed } from './allow-list.js';
import type { CompiledPolicy } from './compile.js';
import type { Action, SinkPolicy } from './schema.js';

export const SEVERITIES = ['informational', 'low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type SkipReason = 'TYPE_NOT_TAKEN' | 'TLP_TOO_HIGH' | 'CIDR_TOO_BROAD' | 'SCORE_TOO_LOW' | AllowReason;
export type ExpireReason = 'REVOKED' | 'EXPIRED' | 'TOO_OLD';

export interface Send {
  kind: 'send';
  action: Action;
  /** 0–100. */
  confidence: number;
  severity: Severity;
  /** min(the source's validUntil, lastSeen + the type's TTL). */
  expiresAtMs: number;
  /**
   * Changes when anything the sink's record shows changes: the indicator's content, or what the
   * policy made of it (action, confidence, severity, expiry). The engine stores it per sink and
   * sends again only when it differs.
   */
  fingerprint: string;
}
export type Decision = Send | { kind: 'skip'; reason: SkipReason } | { kind: 'expire'; reason: ExpireReason };

const DAY_MS = 86_400_000;

export function decide(i: Indicator, p: CompiledPolicy, nowMs: number): Decision {
  const policy = p.policy;
  if (i.revoked) return { kind: 'expire', reason: 'REVOKED' };
  if (!p.types.has(i.type)) return { kind: 'skip', reason: 'TYPE_NOT_TAKEN' };
  if (tlpRank(i.tlp) > tlpRank(policy.maxTlp)) return { kind: 'skip', reason: 'TLP_TOO_HIGH' };
  if (i.lastSeenMs < nowMs - policy.maxAgeDays * DAY_MS) return { kind: 'expire', reason: 'TOO_OLD' };
  const expiresAtMs = Math.min(
    i.validUntilMs ?? Number.POSITIVE_INFINITY,
    i.lastSeenMs + policy.ttlDays[i.type] * DAY_MS,
  );
  if (expiresAtMs <= nowMs) return { kind: 'expire', reason: 'EXPIRED' };
  const allow = allowListed(i, p);
  if (allow !== undefined) return { kind: 'skip', reason: allow };
  if (i.type === 'cidr' && tooBroad(i.value, policy)) return { kind: 'skip', reason: 'CIDR_TOO_BROAD' };
  const score = i.score ?? policy.unscoredAs;
  if (score < policy.minScore) return { kind: 'skip', reason: 'SCORE_TOO_LOW' };
  const action = actionFor(i, score, policy);
  const severity = severityFor(score, policy);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([contentHash(i), action, score, severity, expiresAtMs]))
    .digest('hex');
  return { kind: 'send', action, confidence: score, severity, expiresAtMs, fingerprint };
}

function tooBroad(value: string, policy: SinkPolicy): boolean {
  const block = parseCidr(value);
  if (!block) return true;
  return block.prefix < (block.ip.family === 4 ? policy.minCidrPrefix.ipv4 : policy.minCidrPrefix.ipv6);
}

function actionFor(i: Indicator, score: number, policy: SinkPolicy): Action {
  const rule = policy.actions.find(
    (r) => score >= r.minScore && (r.types === undefined || r.types.includes(i.type)),
  );
  return rule?.action ?? 'audit';
}

function severityFor(score: number, policy: SinkPolicy): Severity {
  const s = policy.severity;
  if (score >= s.high) return 'high';
  if (score >= s.medium) return 'medium';
  return score >= s.low ? 'low' : 'informational';
}
