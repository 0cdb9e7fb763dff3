// KQL summarize: groups rows by the `by` expressions and computes count, countif, dcount, min, max, sum,
// avg, make_set, make_list, arg_max and arg_min, with Kusto's default output column names (count_,
// dcount_X, min_X, set_X, …). The by columns come first, as in Kusto.
// https://learn.microsoft.com/kusto/query/summarize-operator  …/aggregation-functions
import type { Assign, Column, Expr, KqlType, Row, Stage, Table, Value } from './ast.js';
import { KqlError } from './ast.js';
import { AGGREGATES, evalExpr, type Scope, typeOf } from './expr.js';
import { autoName, type RunContext, scopeOf } from './ops.js';
import { isNull, keyOf, order } from './values.js';

const PREFIX: Record<string, string> = {
  dcount: 'dcount_',
  min: 'min_',
  max: 'max_',
  sum: 'sum_',
  avg: 'avg_',
  make_set: 'set_',
  make_list: 'list_',
};

const ARITY: Record<string, [number, number]> = {
  count: [0, 0],
  dcount: [1, 2],
  make_set: [1, 2],
  make_list: [1, 2],
  arg_max: [2, 64],
  arg_min: [2, 64],
};

interface Agg {
  fn: string;
  args: Expr[];
  /** Output columns (arg_max/arg_min can add several). */
  columns: Column[];
}

export function summarize(stage: Extract<Stage, { op: 'summarize' }>, t: Table, ctx: RunContext): Table {
  const s = scopeOf(t, ctx, 'summarize');
  const by = stage.by.map((a, i) => ({ name: byName(a, i), type: typeOf(a.expr, s), expr: a.expr }));
  const byNames = new Set(by.map((b) => b.name));
  const aggs = stage.aggs.map((a) => planAgg(a, s, t, byNames));
  const groups = new Map<string, { keys: Value[]; rows: Row[] }>();
  for (const r of t.rows) {
    const keys = by.map((b) => evalExpr(b.expr, r, s));
    const k = keys.map(keyOf).join('\u0001');
    const g = groups.get(k) ?? { keys, rows: [] };
    g.rows.push(r);
    groups.set(k, g);
  }
  if (by.length === 0 && groups.size === 0) groups.set('', { keys: [], rows: [] });
  const columns: Column[] = [
    ...by.map(({ name, type }) => ({ name, type })),
    ...aggs.flatMap((a) => a.columns),
  ];
  const rows = [...groups.values()].map((g) => {
    const out: Row = {};
    by.forEach((b, i) => {
      out[b.name] = g.keys[i] ?? null;
    });
    for (const a of aggs) Object.assign(out, compute(a, g.rows, s));
    return out;
  });
  return { columns, rows };
}

function byName(a: Assign, i: number): string {
  if (!a.name && a.expr.k === 'call' && a.expr.fn === 'bin' && a.expr.args[0]?.k === 'col')
    return a.expr.args[0].name;
  return autoName(a, i);
}

function planAgg(a: Assign, s: Scope, t: Table, byNames: Set<string>): Agg {
  const e = a.expr;
  if (e.k !== 'call' || !AGGREGATES.has(e.fn)) {
    throw new KqlError(
      "'summarize' operator: expected an aggregation function such as count() or dcount()",
      a.pos,
    );
  }
  const argTypes = e.args.map((x) => (x.k === 'star' ? 'dynamic' : typeOf(x, s)));
  const first = e.args[0];
  const [min, max] = ARITY[e.fn] ?? [1, 1];
  if (e.args.length < min || e.args.length > max) {
    throw new KqlError(`Function '${e.fn}': expected ${min}..${max} arguments, got ${e.args.length}`, e.pos);
  }
  if (e.fn.startsWith('arg_') && first) {
    const keyName = a.name ?? (first.k === 'col' ? first.name : `${e.fn.slice(4)}_`);
    const rest = e.args.slice(1);
    const extra: Column[] = rest.some((x) => x.k === 'star')
      ? t.columns.filter((c) => !byNames.has(c.name) && c.name !== keyName)
      : rest.map((x, i) => ({
          name: x.k === 'col' ? x.name : `Column${i + 1}`,
          type: argTypes[i + 1] ?? 'dynamic',
        }));
    return { fn: e.fn, args: e.args, columns: [{ name: keyName, type: argTypes[0] ?? 'dynamic' }, ...extra] };
  }
  const name =
    a.name ??
    (e.fn === 'count' || e.fn === 'countif'
      ? `${e.fn}_`
      : `${PREFIX[e.fn]}${first?.k === 'col' ? first.name : ''}`);
  return { fn: e.fn, args: e.args, columns: [{ name, type: resultType(e.fn, argTypes[0]) }] };
}

function resultType(fn: string, arg: KqlType | undefined): KqlType {
  if (fn === 'count' || fn === 'countif' || fn === 'dcount') return 'long';
  if (fn === 'avg') return 'real';
  if (fn.startsWith('make_')) return 'dynamic';
  return arg ?? 'dynamic';
}

function compute(a: Agg, rows: Row[], s: Scope): Row {
  const [first] = a.args;
  const name = a.columns[0]?.name ?? a.fn;
  const values = first && first.k !== 'star' ? rows.map((r) => evalExpr(first, r, s)) : [];
  const present = values.filter((v) => !isNull(v));
  switch (a.fn) {
    case 'count':
      return { [name]: rows.length };
    case 'countif':
      return { [name]: values.filter((v) => v === true).length };
    case 'dcount':
      return { [name]: new Set(present.map(keyOf)).size };
    case 'sum':
    case 'avg': {
      const nums = present.filter((v): v is number => typeof v === 'number');
      const total = nums.reduce((x, y) => x + y, 0);
      return { [name]: a.fn === 'sum' ? total : nums.length ? total / nums.length : null };
    }
    case 'make_set':
    case 'make_list': {
      const limit = a.args[1]?.k === 'lit' && typeof a.args[1].v === 'number' ? a.args[1].v : 1_048_576;
      const flat = present.flatMap((v) => (Array.isArray(v) ? v : [v]));
      const out = a.fn === 'make_list' ? flat : [...new Map(flat.map((v) => [keyOf(v), v])).values()];
      return { [name]: out.slice(0, limit) };
    }
    default:
      return extreme(a, rows, values);
  }
}

/** min/max return the value; arg_max/arg_min return the columns of the row holding it. */
function extreme(a: Agg, rows: Row[], values: Value[]): Row {
  const want = a.fn.endsWith('max') ? 1 : -1;
  let best = -1;
  values.forEach((v, i) => {
    if (isNull(v)) return;
    const c = best < 0 ? 1 : (order(v, values[best] ?? null) ?? 0) * want;
    if (c > 0) best = i;
  });
  const out: Row = {};
  const [key, ...extra] = a.columns;
  if (key) out[key.name] = best >= 0 ? (values[best] ?? null) : null;
  if (!a.fn.startsWith('arg_')) return out;
  const row = best >= 0 ? rows[best] : undefined;
  const s2 = a.args.slice(1);
  extra.forEach((c, i) => {
    const arg = s2[i];
    out[c.name] =
      row === undefined ? null : arg && arg.k === 'col' ? (row[arg.name] ?? null) : (row[c.name] ?? null);
  });
  return out;
}
