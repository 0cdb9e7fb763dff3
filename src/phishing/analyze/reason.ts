// A verdict reason and how a rule makes one: the code's points come from the configuration (or the
// catalogue's default), so no rule carries a weight of its own.
import type { Facts } from './facts.js';
import { type AdjustmentOf, pointsOf, type ReasonCode } from './reason-codes.js';

export interface Reason {
  code: string;
  points: number;
  text: string;
}

/** A reason of `code`, weighed as configured; `adjustment` names the case when the code's points vary. */
export function reason<C extends ReasonCode>(
  f: Facts,
  code: C,
  text: string,
  adjustment?: AdjustmentOf<C>,
): Reason {
  return { code, points: pointsOf(f.options.verdict.points, code, adjustment), text };
}
