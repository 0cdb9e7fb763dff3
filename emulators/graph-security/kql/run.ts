// Runs a KQL query (the emulator's subset) against named in-memory tables: evaluates the `let`
// statements, resolves the table, applies each pipe in order. Errors carry the query position.
// https://learn.microsoft.com/kusto/query/let-statement
import { KqlError, type Pipeline, type Stage, type Table } from './ast.js';
import { evalExpr, type Scope, typeOf } from './expr.js';
import { join } from './join.js';
import {
  count,
  distinct,
  projectAway,
  projectOrExtend,
  projectRename,
  type RunContext,
  sortRows,
  take,
  where,
} from './ops.js';
import { parseQuery } from './parser.js';
import { summarize } from './summarize.js';

export type TableSource = (name: string) => Table | undefined;

export interface RunOptions {
  /** Milliseconds since the epoch that now() and ago() count from. */
  now: number;
}

export function runKql(src: string, tables: TableSource, opts: RunOptions): Table {
  const query = parseQuery(src);
  const ctx: RunContext = { lets: new Map(), now: opts.now };
  for (const { name, expr } of query.lets) {
    const scope: Scope = { columns: new Map(), lets: ctx.lets, now: opts.now, op: 'let' };
    const type = typeOf(expr, scope);
    ctx.lets.set(name.name, { v: evalExpr(expr, {}, scope), type });
  }
  return runPipeline(query.body, tables, ctx);
}

function runPipeline(p: Pipeline, tables: TableSource, ctx: RunContext): Table {
  const source = tables(p.table.name);
  if (!source) {
    throw new KqlError(`Failed to resolve table or column expression named '${p.table.name}'`, p.table.pos);
  }
  let t: Table = source;
  for (const stage of p.stages) t = apply(stage, t, tables, ctx);
  return t;
}

function apply(stage: Stage, t: Table, tables: TableSource, ctx: RunContext): Table {
  switch (stage.op) {
    case 'where':
      return where(stage, t, ctx);
    case 'project':
    case 'extend':
      return projectOrExtend(stage, t, ctx);
    case 'project-away':
      return projectAway(stage.names, t);
    case 'project-rename':
      return projectRename(stage.pairs, t);
    case 'summarize':
      return summarize(stage, t, ctx);
    case 'sort':
      return sortRows(stage.keys, t, ctx);
    case 'take':
      return take(stage.n, t);
    case 'top':
      return take(stage.n, sortRows([stage.key], t, ctx, 'top'));
    case 'distinct':
      return distinct(stage.names, t);
    case 'count':
      return count(t);
    case 'join':
      return join(stage, t, runPipeline(stage.right, tables, ctx));
  }
}

/** "… on line [l,c]" as Kusto reports positions (1-based line and column). */
export function describeKqlError(src: string, error: KqlError): string {
  const before = src.slice(0, error.pos);
  const line = before.split('\n').length;
  const column = error.pos - before.lastIndexOf('\n');
  const prefix = error.kind === 'syntax' ? 'Syntax error' : 'Semantic error';
  return `${prefix}: ${error.message} on line [${line},${column}]`;
}
