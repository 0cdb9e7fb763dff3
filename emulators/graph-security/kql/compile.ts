// Compiles a scalar expression into a closure once per operator, so a `where` over thousands of rows
// does not walk the syntax tree and re-derive list sets per row. Calls on constants (`ago(30d)`) are
// folded once; `and`/`or` stop at the first side that decides (same results: both sides are pure).
// Shapes without a fast form fall back to evalExpr, so the semantics are evalExpr's.
import type { Expr, Row, Value } from './ast.js';
import { binary, evalExpr, type Scope } from './expr.js';
import { isSetOp, literalSet } from './list.js';

export type Compiled = (row: Row) => Value;

const NO_ROW: Row = {};

function isConstant(e: Expr): boolean {
  if (e.k === 'lit') return true;
  if (e.k === 'call') return e.args.every(isConstant);
  if (e.k === 'bin') return isConstant(e.l) && isConstant(e.r);
  return false;
}

export function compileExpr(e: Expr, s: Scope): Compiled {
  if (isConstant(e)) {
    const v = evalExpr(e, NO_ROW, s);
    return () => v;
  }
  switch (e.k) {
    case 'col': {
      const name = e.name;
      const fallback = s.lets.get(name)?.v ?? null;
      return (row) => (name in row ? (row[name] ?? null) : fallback);
    }
    case 'list': {
      const set = isSetOp(e.op) ? literalSet(e) : null;
      if (!set) break;
      const left = compileExpr(e.l, s);
      const ci = e.op.endsWith('~');
      const neg = e.op.startsWith('!');
      return (row) => {
        const v = left(row);
        if (typeof v !== 'string') return evalExpr(e, row, s);
        const found = set.has(ci ? v.toLowerCase() : v);
        return neg ? !found : found;
      };
    }
    case 'bin': {
      const l = compileExpr(e.l, s);
      const r = compileExpr(e.r, s);
      if (e.op === 'and') return (row) => l(row) === true && r(row) === true;
      if (e.op === 'or') return (row) => l(row) === true || r(row) === true;
      const op = e.op;
      return (row) => binary(op, l(row), r(row));
    }
  }
  return (row) => evalExpr(e, row, s);
}
