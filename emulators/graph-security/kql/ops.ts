// KQL tabular operators over an in-memory table: where, project, project-away, project-rename, extend,
// sort/order, take/limit, top, distinct and count. summarize and join live in their own files.
// Every operator checks its expressions against the input columns before it reads a row, so an unknown
// column is reported even when the table is empty.
// https://learn.microsoft.com/kusto/query/queries
import type { Assign, Column, KqlType, Named, Row, SortKey, Stage, Table, Value } from './ast.js';
import { KqlError } from './ast.js';
import { compileExpr } from './compile.js';
import { evalExpr, type Scope, typeOf } from './expr.js';
import { keyOf, order } from './values.js';

export interface RunContext {
  lets: Scope['lets'];
  now: number;
}

export function scopeOf(table: Table, ctx: RunContext, op: string): Scope {
  return { columns: new Map(table.columns.map((c) => [c.name, c.type])), lets: ctx.lets, now: ctx.now, op };
}

/** The column name KQL gives `expr` when no `Name =` is written. */
export function autoName(a: Assign, index: number): string {
  if (a.name) return a.name;
  return a.expr.k === 'col' ? a.expr.name : `Column${index + 1}`;
}

export function where(stage: Extract<Stage, { op: 'where' }>, t: Table, ctx: RunContext): Table {
  const s = scopeOf(t, ctx, 'where');
  typeOf(stage.expr, s);
  const test = compileExpr(stage.expr, s);
  return { columns: t.columns, rows: t.rows.filter((r) => test(r) === true) };
}

export function projectOrExtend(
  stage: { op: 'project' | 'extend'; items: Assign[] },
  t: Table,
  ctx: RunContext,
): Table {
  const s = scopeOf(t, ctx, stage.op);
  const computed = stage.items.map((a, i) => ({
    name: autoName(a, i),
    type: typeOf(a.expr, s),
    expr: a.expr,
  }));
  const columns: Column[] =
    stage.op === 'extend' ? t.columns.filter((c) => !computed.some((x) => x.name === c.name)) : [];
  columns.push(...computed.map(({ name, type }) => ({ name, type })));
  const rows = t.rows.map((r) => {
    const out: Row = stage.op === 'extend' ? { ...r } : {};
    for (const c of computed) out[c.name] = evalExpr(c.expr, r, s);
    return out;
  });
  return { columns, rows };
}

function requireColumns(t: Table, names: Named[], op: string): void {
  for (const n of names) {
    if (!t.columns.some((c) => c.name === n.name)) {
      throw new KqlError(`'${op}' operator: Failed to resolve scalar expression named '${n.name}'`, n.pos);
    }
  }
}

export function projectAway(names: Named[], t: Table): Table {
  requireColumns(t, names, 'project-away');
  const drop = new Set(names.map((n) => n.name));
  const columns = t.columns.filter((c) => !drop.has(c.name));
  const rows = t.rows.map((r) => Object.fromEntries(columns.map((c) => [c.name, r[c.name] ?? null])));
  return { columns, rows };
}

export function projectRename(pairs: Array<{ to: Named; from: Named }>, t: Table): Table {
  requireColumns(
    t,
    pairs.map((p) => p.from),
    'project-rename',
  );
  const rename = new Map(pairs.map((p) => [p.from.name, p.to.name]));
  const columns = t.columns.map((c) => ({ ...c, name: rename.get(c.name) ?? c.name }));
  const rows = t.rows.map((r) =>
    Object.fromEntries(t.columns.map((c) => [rename.get(c.name) ?? c.name, r[c.name] ?? null])),
  );
  return { columns, rows };
}

export function sortRows(keys: SortKey[], t: Table, ctx: RunContext, op = 'sort'): Table {
  const s = scopeOf(t, ctx, op);
  for (const k of keys) typeOf(k.expr, s);
  const keyed = t.rows.map((r) => ({ r, k: keys.map((k) => evalExpr(k.expr, r, s)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as SortKey;
      const c = compareWithNulls(a.k[i] ?? null, b.k[i] ?? null, key);
      if (c !== 0) return c;
    }
    return 0;
  });
  return { columns: t.columns, rows: keyed.map((x) => x.r) };
}

function compareWithNulls(a: Value, b: Value, key: SortKey): number {
  const an = a === null;
  const bn = b === null;
  if (an || bn) return an === bn ? 0 : an === key.nullsFirst ? -1 : 1;
  const c = order(a, b) ?? 0;
  return key.desc ? -c : c;
}

export function take(n: number, t: Table): Table {
  return { columns: t.columns, rows: t.rows.slice(0, n) };
}

export function distinct(names: Named[] | '*', t: Table): Table {
  if (names !== '*') requireColumns(t, names, 'distinct');
  const columns =
    names === '*' ? t.columns : names.map((n) => t.columns.find((c) => c.name === n.name) as Column);
  const seen = new Set<string>();
  const rows: Row[] = [];
  for (const r of t.rows) {
    const key = columns.map((c) => keyOf(r[c.name])).join('\u0001');
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push(Object.fromEntries(columns.map((c) => [c.name, r[c.name] ?? null])));
  }
  return { columns, rows };
}

export function count(t: Table): Table {
  const type: KqlType = 'long';
  return { columns: [{ name: 'Count', type }], rows: [{ Count: t.rows.length }] };
}
