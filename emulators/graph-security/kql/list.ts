// Fast path for `in` / `in~` against a list of string literals: the list becomes a Set once per
// query instead of being re-evaluated and compared item by item on every row. Same semantics as
// equal() for a string on the left; anything else takes the general path.
import type { Expr, Value } from './ast.js';

type ListExpr = Extract<Expr, { k: 'list' }>;
const sets = new WeakMap<ListExpr, Set<string> | null>();

/** The literal strings of an `in`/`in~` list (lower-cased for `~`), or null when not all literal. */
export function literalSet(e: ListExpr): Set<string> | null {
  let set = sets.get(e);
  if (set !== undefined) return set;
  const ci = e.op.endsWith('~');
  const literal = e.items.every((i) => i.k === 'lit' && typeof i.v === 'string');
  set = literal
    ? new Set(
        e.items.map((i) =>
          ci ? String((i as { v: string }).v).toLowerCase() : String((i as { v: string }).v),
        ),
      )
    : null;
  sets.set(e, set);
  return set;
}

/** true/false when the fast path applies, undefined when the caller must evaluate item by item. */
export function isSetOp(op: string): boolean {
  return op === 'in' || op === 'in~' || op === '!in' || op === '!in~';
}

export function fastListMatch(e: ListExpr, left: Value | undefined): boolean | undefined {
  if (!isSetOp(e.op)) return undefined;
  if (typeof left !== 'string') return undefined;
  const set = literalSet(e);
  if (!set) return undefined;
  const found = set.has(e.op.endsWith('~') ? left.toLowerCase() : left);
  return e.op.startsWith('!') ? !found : found;
}
