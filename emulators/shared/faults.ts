// Fault injection rules: which requests they match, what they do, and when they expire.
// The store only decides; each emulator renders the chosen fault in its own API's error shape.
import { z } from 'zod';
import { newGuid } from './ids.js';

export const faultRuleSchema = z
  .object({
    id: z.string().min(1).max(100).optional(),
    /** Which listener the rule watches; omitted means every listener. */
    listener: z.string().min(1).max(40).optional(),
    method: z.string().min(1).max(10).optional(),
    /** Path prefix, e.g. "/v1.0/users" (query string excluded). */
    path: z.string().min(1).max(2000).optional(),
    /** JavaScript regular expression tested against the path. */
    pathRegex: z.string().min(1).max(2000).optional(),
    tenantId: z.string().optional(),
    appId: z.string().optional(),
    status: z.number().int().min(400).max(599).optional(),
    /** Overrides the error code / message of the rendered body. */
    code: z.string().max(200).optional(),
    message: z.string().max(2000).optional(),
    retryAfterSec: z.number().int().min(0).max(86_400).optional(),
    /** Send Retry-After as an HTTP date instead of delta-seconds. */
    retryAfterHttpDate: z.boolean().optional(),
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    expiredToken: z.boolean().optional(),
    malformedBody: z.boolean().optional(),
    resetConnection: z.boolean().optional(),
    /** Apply N times, then the rule expires. */
    times: z.number().int().min(1).optional(),
    /** Chance (0..1] that a matching request is hit. */
    probability: z.number().gt(0).max(1).optional(),
    /** Rule targets the items inside a $batch instead of whole HTTP requests. */
    batchItem: z.boolean().optional(),
    /** Batch items: deterministic share of matching items hit, spread evenly (0.5 = every second one). */
    ratio: z.number().gt(0).max(1).optional(),
    /** Batch items (or requests): hit every Nth matching one. */
    everyNth: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((r) => r.pathRegex === undefined || isValidRegex(r.pathRegex), {
    message: 'pathRegex is not a valid regular expression',
    path: ['pathRegex'],
  });

export type FaultRule = z.input<typeof faultRuleSchema>;

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export interface FaultTarget {
  listener: string;
  method: string;
  path: string;
  tenantId?: string | undefined;
  appId?: string | undefined;
}

interface LiveRule {
  rule: FaultRule & { id: string };
  regex?: RegExp | undefined;
  seen: number;
  hits: number;
}

/** A rule's effect is terminal when it answers instead of the real handler. */
export function isTerminal(rule: FaultRule): boolean {
  return (
    rule.status !== undefined ||
    rule.expiredToken === true ||
    rule.malformedBody === true ||
    rule.resetConnection === true
  );
}

export class FaultStore {
  private rules: LiveRule[] = [];

  add(input: FaultRule): string {
    const rule = faultRuleSchema.parse(input);
    const id = rule.id ?? newGuid();
    this.rules = this.rules.filter((r) => r.rule.id !== id);
    this.rules.push({
      rule: { ...rule, id },
      regex: rule.pathRegex ? new RegExp(rule.pathRegex) : undefined,
      seen: 0,
      hits: 0,
    });
    return id;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.rule.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): Array<FaultRule & { id: string; hits: number }> {
    return this.rules.map((r) => ({ ...r.rule, hits: r.hits }));
  }

  /**
   * Returns the rules that fire for a whole HTTP request: every latency-only rule that fires, and at most one
   * terminal rule (the first that fires, in insertion order).
   */
  forRequest(target: FaultTarget): Array<FaultRule & { id: string }> {
    return this.fire(target, false);
  }

  /** Same as forRequest, for one item inside a $batch (only rules with batchItem: true). */
  forBatchItem(target: FaultTarget): Array<FaultRule & { id: string }> {
    return this.fire(target, true);
  }

  private fire(target: FaultTarget, batchItem: boolean): Array<FaultRule & { id: string }> {
    const fired: Array<FaultRule & { id: string }> = [];
    let terminal = false;
    for (const live of [...this.rules]) {
      if ((live.rule.batchItem === true) !== batchItem || !matches(live, target)) continue;
      if (terminal && isTerminal(live.rule)) continue;
      live.seen += 1;
      if (!shouldFire(live)) continue;
      live.hits += 1;
      fired.push(live.rule);
      if (isTerminal(live.rule)) terminal = true;
      if (live.rule.times !== undefined && live.hits >= live.rule.times) this.remove(live.rule.id);
    }
    return fired;
  }
}

function matches(live: LiveRule, t: FaultTarget): boolean {
  const r = live.rule;
  if (r.listener && r.listener !== t.listener) return false;
  if (r.method && r.method.toUpperCase() !== t.method.toUpperCase()) return false;
  if (r.path && !t.path.startsWith(r.path)) return false;
  if (live.regex && !live.regex.test(t.path)) return false;
  if (r.tenantId && r.tenantId !== t.tenantId) return false;
  if (r.appId && r.appId !== t.appId) return false;
  return true;
}

function shouldFire(live: LiveRule): boolean {
  const r = live.rule;
  const n = live.seen;
  if (r.everyNth !== undefined && n % r.everyNth !== 0) return false;
  if (r.ratio !== undefined && Math.floor(n * r.ratio) === Math.floor((n - 1) * r.ratio)) return false;
  if (r.probability !== undefined && Math.random() >= r.probability) return false;
  return true;
}

/** The Retry-After header value for a rule, as delta-seconds or as an HTTP date. */
export function retryAfterValue(rule: FaultRule): string | undefined {
  if (rule.retryAfterSec === undefined) return undefined;
  if (rule.retryAfterHttpDate) return new Date(Date.now() + rule.retryAfterSec * 1000).toUTCString();
  return String(rule.retryAfterSec);
}

/** Sum of latencyMs of the fired rules. */
export function faultLatencyMs(rules: FaultRule[]): number {
  return rules.reduce((sum, r) => sum + (r.latencyMs ?? 0), 0);
}

export function terminalRule<T extends FaultRule>(rules: T[]): T | undefined {
  return rules.find(isTerminal);
}
