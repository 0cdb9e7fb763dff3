// KQL scalar expressions: type checking against the columns in scope (which is where unknown columns and
// functions are reported, before any row is read) and evaluation against one row.
// https://learn.microsoft.com/kusto/query/scalar-functions
import { type Expr, KqlError, type KqlType, type Row, Span, type Value } from './ast.js';
import { SCALAR_FUNCTIONS } from './functions.js';
import { fastListMatch } from './list.js';
import { equal, hasTerm, isNull, order, toText } from './values.js';

export interface Scope {
  columns: Map<string, KqlType>;
  lets: Map<string, { v: Value; type: KqlType }>;
  now: number;
  /** The operator being checked, for error messages ("'where' operator: …"). */
  op: string;
}

export const AGGREGATES = new Set([
  'count',
  'countif',
  'dcount',
  'min',
  'max',
  'sum',
  'avg',
  'make_set',
  'make_list',
  'arg_max',
  'arg_min',
]);
const COMPARISONS = new Set(['==', '!=', '=~', '!~', '<', '<=', '>', '>=', 'and', 'or']);

export function typeOf(e: Expr, s: Scope): KqlType {
  switch (e.k) {
    case 'lit':
      return e.type;
    case 'col': {
      const t = s.columns.get(e.name) ?? s.lets.get(e.name)?.type;
      if (t === undefined) {
        throw new KqlError(
          `'${s.op}' operator: Failed to resolve scalar expression named '${e.name}'`,
          e.pos,
        );
      }
      return t;
    }
    case 'star':
      throw new KqlError(`'${s.op}' operator: '*' is only allowed in arg_max/arg_min`, e.pos);
    case 'call': {
      if (AGGREGATES.has(e.fn)) {
        throw new KqlError(`Function '${e.fn}' cannot be invoked in current context`, e.pos);
      }
      const fn = SCALAR_FUNCTIONS[e.fn];
      if (!fn) throw new KqlError(`Unknown function: '${e.fn}'`, e.pos);
      if (e.args.length < fn.min || e.args.length > fn.max) {
        throw new KqlError(
          `Function '${e.fn}': expected ${fn.min}..${fn.max} arguments, got ${e.args.length}`,
          e.pos,
        );
      }
      return fn.type(e.args.map((a) => typeOf(a, s)));
    }
    case 'list':
      typeOf(e.l, s);
      for (const item of e.items) typeOf(item, s);
      return 'bool';
    case 'between':
      typeOf(e.l, s);
      typeOf(e.lo, s);
      typeOf(e.hi, s);
      return 'bool';
    case 'bin': {
      const l = typeOf(e.l, s);
      const r = typeOf(e.r, s);
      if (COMPARISONS.has(e.op) || /^!?[a-z]/.test(e.op)) return 'bool';
      return arithmeticType(e.op, l, r);
    }
  }
}

function arithmeticType(op: string, l: KqlType, r: KqlType): KqlType {
  if (l === 'datetime' && r === 'datetime' && op === '-') return 'timespan';
  if (l === 'datetime' || r === 'datetime') return 'datetime';
  if (l === 'timespan' || r === 'timespan') return 'timespan';
  return l === 'real' || r === 'real' || op === '/' ? 'real' : 'long';
}

export function evalExpr(e: Expr, row: Row, s: Scope): Value {
  switch (e.k) {
    case 'lit':
      return e.v;
    case 'col':
      return e.name in row ? (row[e.name] ?? null) : (s.lets.get(e.name)?.v ?? null);
    case 'star':
      return null;
    case 'call': {
      const fn = SCALAR_FUNCTIONS[e.fn];
      return fn
        ? fn.run(
            e.args.map((a) => evalExpr(a, row, s)),
            s.now,
          )
        : null;
    }
    case 'list': {
      const l = evalExpr(e.l, row, s);
      const fast = fastListMatch(e, l);
      if (fast !== undefined) return fast;
      const items = e.items.flatMap((i) => {
        const v = evalExpr(i, row, s);
        return Array.isArray(v) ? v : [v];
      });
      if (e.op === 'has_any') return items.some((i) => hasTerm(toText(l), toText(i), false));
      if (e.op === 'has_all') return items.every((i) => hasTerm(toText(l), toText(i), false));
      const found = items.some((i) => equal(l, i, e.op.endsWith('~')));
      return e.op.startsWith('!') ? !isNull(l) && !found : found;
    }
    case 'between': {
      const l = evalExpr(e.l, row, s);
      const lo = order(l, evalExpr(e.lo, row, s));
      const hi = order(l, evalExpr(e.hi, row, s));
      if (lo === undefined || hi === undefined) return false;
      return (lo >= 0 && hi <= 0) !== e.neg;
    }
    case 'bin':
      return binary(e.op, evalExpr(e.l, row, s), evalExpr(e.r, row, s));
  }
}

export function binary(op: string, a: Value, b: Value): Value {
  switch (op) {
    case 'and':
      return a === true && b === true;
    case 'or':
      return a === true || b === true;
    case '==':
    case '=~':
      return equal(a, b, op === '=~');
    case '!=':
    case '!~':
      return !isNull(a) && !isNull(b) && !equal(a, b, op === '!~');
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const c = order(a, b);
      if (c === undefined) return false;
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    }
  }
  if (/^!?[a-z]/.test(op)) return stringOp(op, toText(a), toText(b));
  return arithmetic(op, a, b);
}

function stringOp(op: string, h: string, n: string): boolean {
  const neg = op.startsWith('!');
  const cs = op.endsWith('_cs');
  const name = op.replace(/^!/, '').replace(/_cs$/, '');
  const hh = cs ? h : h.toLowerCase();
  const nn = cs ? n : n.toLowerCase();
  let r: boolean;
  if (name === 'has') r = hasTerm(h, n, cs);
  else if (name === 'contains') r = hh.includes(nn);
  else if (name === 'startswith') r = hh.startsWith(nn);
  else if (name === 'endswith') r = hh.endsWith(nn);
  else if (name === 'hasprefix')
    r = hasTerm(h, n, cs) || new RegExp(`(^|[^\\p{L}\\p{N}_])${escapeRegExp(nn)}`, 'u').test(hh);
  else r = hasTerm(h, n, cs) || new RegExp(`${escapeRegExp(nn)}($|[^\\p{L}\\p{N}_])`, 'u').test(hh);
  return neg ? !r : r;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function arithmetic(op: string, a: Value, b: Value): Value {
  if (isNull(a) || isNull(b)) return null;
  const na = a instanceof Date ? a.getTime() : a instanceof Span ? a.ms : typeof a === 'number' ? a : null;
  const nb = b instanceof Date ? b.getTime() : b instanceof Span ? b.ms : typeof b === 'number' ? b : null;
  if (na === null || nb === null) return null;
  const r =
    op === '+' ? na + nb : op === '-' ? na - nb : op === '*' ? na * nb : op === '/' ? na / nb : na % nb;
  if (a instanceof Date && b instanceof Date) return new Span(r);
  if (a instanceof Date || b instanceof Date) return new Date(r);
  if (a instanceof Span || b instanceof Span) return new Span(r);
  return Number.isFinite(r) ? r : null;
}
