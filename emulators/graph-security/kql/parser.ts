// KQL parser: `let` statements, then a table and its pipes (where, project, project-away, project-rename,
// extend, summarize … by, order/sort by, take/limit, top, distinct, count, join kind=… (…) on …).
// Anything else is a syntax error that names the token and its position.
// https://learn.microsoft.com/kusto/query/tabular-expression-statements
import type { Assign, Expr, JoinKind, Named, Pipeline, Query, SortKey, Stage, Token } from './ast.js';
import { KqlError } from './ast.js';
import { ExprParser } from './parse-expr.js';
import { tokenize } from './lexer.js';

const JOIN_KINDS: Record<string, JoinKind> = {
  inner: 'inner',
  innerunique: 'innerunique',
  leftouter: 'leftouter',
};

export function parseQuery(src: string): Query {
  return new QueryParser(tokenize(src)).query();
}

class QueryParser extends ExprParser {
  constructor(tokens: Token[]) {
    super(tokens);
  }

  query(): Query {
    const lets: Query['lets'] = [];
    while (this.isId('let')) {
      this.next();
      const name = this.name();
      this.expectOp('=');
      lets.push({ name, expr: this.expr() });
      this.expectOp(';');
    }
    const body = this.pipeline();
    while (this.isOp(';')) this.next();
    if (this.peek().t !== 'eof') this.fail();
    return { lets, body };
  }

  private pipeline(): Pipeline {
    const table = this.name();
    const stages: Stage[] = [];
    while (this.isOp('|')) {
      this.next();
      stages.push(this.stage());
    }
    return { table, stages };
  }

  private stage(): Stage {
    const t = this.next();
    const pos = t.pos;
    if (t.t !== 'id') return this.fail(t);
    switch (t.v) {
      case 'where':
      case 'filter':
        return { op: 'where', expr: this.expr(), pos };
      case 'project':
      case 'extend':
        return { op: t.v, items: this.list(() => this.assign()), pos };
      case 'project-away':
        return { op: 'project-away', names: this.list(() => this.name()), pos };
      case 'project-rename':
        return { op: 'project-rename', pairs: this.list(() => this.rename()), pos };
      case 'summarize': {
        const aggs = this.isId('by') ? [] : this.list(() => this.assign());
        const hasBy = this.isId('by');
        if (hasBy) this.next();
        const by = hasBy ? this.list(() => this.assign()) : [];
        return { op: 'summarize', aggs, by, pos };
      }
      case 'order':
      case 'sort':
        this.expectId('by');
        return { op: 'sort', keys: this.list(() => this.sortKey()), pos };
      case 'take':
      case 'limit':
        return { op: 'take', n: this.count(), pos };
      case 'top': {
        const n = this.count();
        this.expectId('by');
        return { op: 'top', n, key: this.sortKey(), pos };
      }
      case 'distinct':
        if (this.isOp('*')) {
          this.next();
          return { op: 'distinct', names: '*', pos };
        }
        return { op: 'distinct', names: this.list(() => this.name()), pos };
      case 'count':
        return { op: 'count', pos };
      case 'join':
        return this.join(pos);
      default:
        return this.fail(t);
    }
  }

  private join(pos: number): Stage {
    let kind: JoinKind = 'innerunique';
    while (this.peek().t === 'id' && this.peekAt(1).t === 'op' && this.peekAt(1).v === '=') {
      const key = this.next();
      this.next();
      const value = this.next();
      if (key.v === 'kind') {
        const k = JOIN_KINDS[value.v];
        if (!k) return this.fail(value);
        kind = k;
      } else {
        return this.fail(key);
      }
    }
    let right: Pipeline;
    if (this.isOp('(')) {
      this.next();
      right = this.pipeline();
      this.expectOp(')');
    } else {
      right = { table: this.name(), stages: [] };
    }
    this.expectId('on');
    const on = this.list(() => this.joinKey());
    return { op: 'join', kind, right, on, pos };
  }

  private joinKey(): { left: Named; right: Named } {
    if (this.isId('$left') || this.isId('$right')) {
      const a = this.sideColumn();
      this.expectOp('==');
      const b = this.sideColumn();
      if (a.side === b.side) this.fail();
      return a.side === '$left' ? { left: a.col, right: b.col } : { left: b.col, right: a.col };
    }
    const col = this.name();
    return { left: col, right: col };
  }

  private sideColumn(): { side: string; col: Named } {
    const side = this.next().v;
    this.expectOp('.');
    return { side, col: this.name() };
  }

  private assign(): Assign {
    const pos = this.peek().pos;
    if (this.peek().t === 'id' && this.peekAt(1).t === 'op' && this.peekAt(1).v === '=') {
      const name = this.next().v;
      this.next();
      return { name, expr: this.expr(), pos };
    }
    return { expr: this.expr(), pos };
  }

  private rename(): { to: Named; from: Named } {
    const to = this.name();
    this.expectOp('=');
    return { to, from: this.name() };
  }

  private sortKey(): SortKey {
    const expr: Expr = this.expr();
    let desc = true;
    if (this.isId('asc') || this.isId('desc')) desc = this.next().v === 'desc';
    let nullsFirst = !desc;
    if (this.isId('nulls')) {
      this.next();
      const which = this.next();
      if (which.v !== 'first' && which.v !== 'last') return this.fail(which);
      nullsFirst = which.v === 'first';
    }
    return { expr, desc, nullsFirst };
  }

  private count(): number {
    const t = this.next();
    if (t.t !== 'num' || !Number.isInteger(t.n)) return this.fail(t);
    return t.n ?? 0;
  }

  private list<T>(item: () => T): T[] {
    const out = [item()];
    while (this.isOp(',')) {
      this.next();
      out.push(item());
    }
    return out;
  }

  private expectId(v: string): void {
    if (!this.isId(v)) this.fail();
    this.next();
  }
}

export { KqlError };
