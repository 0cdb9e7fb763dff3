// KQL scalar expression parser, on the token cursor in kql-token-stream.ts.
// Precedence, loosest first: or, and, comparisons and string/set operators, + -, * / %, unary minus.
// https://learn.microsoft.com/kusto/query/datatypes-string-operators
import { type Expr, KqlError, type Value } from './ast.js';
import { TokenStream } from './token-stream.js';

const COMPARE = new Set(['==', '!=', '=~', '!~', '<', '<=', '>', '>=']);
const STRING_OPS = new Set(
  ['has', 'contains', 'startswith', 'endswith', 'hasprefix', 'hassuffix'].flatMap((o) => [
    o,
    `!${o}`,
    `${o}_cs`,
    `!${o}_cs`,
  ]),
);
const LIST_OPS = new Set(['in', 'in~', '!in', '!in~', 'has_any', 'has_all']);

export class ExprParser extends TokenStream {
  expr(): Expr {
    return this.nested(() => this.or());
  }

  private or(): Expr {
    let l = this.and();
    while (this.isId('or')) {
      const pos = this.next().pos;
      l = { k: 'bin', op: 'or', l, r: this.and(), pos };
    }
    return l;
  }

  private and(): Expr {
    let l = this.compare();
    while (this.isId('and')) {
      const pos = this.next().pos;
      l = { k: 'bin', op: 'and', l, r: this.compare(), pos };
    }
    return l;
  }

  private compare(): Expr {
    const l = this.additive();
    const t = this.peek();
    if (t.t === 'op' && COMPARE.has(t.v)) {
      this.next();
      return { k: 'bin', op: t.v, l, r: this.additive(), pos: t.pos };
    }
    if (t.t !== 'id') return l;
    if (STRING_OPS.has(t.v)) {
      this.next();
      return { k: 'bin', op: t.v, l, r: this.additive(), pos: t.pos };
    }
    if (LIST_OPS.has(t.v)) {
      this.next();
      return { k: 'list', op: t.v, l, items: this.args(), pos: t.pos };
    }
    if (t.v === 'between' || t.v === '!between') {
      this.next();
      this.expectOp('(');
      const lo = this.additive();
      this.expectOp('..');
      const hi = this.additive();
      this.expectOp(')');
      return { k: 'between', neg: t.v.startsWith('!'), l, lo, hi, pos: t.pos };
    }
    return l;
  }

  private additive(): Expr {
    let l = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const t = this.next();
      l = { k: 'bin', op: t.v, l, r: this.multiplicative(), pos: t.pos };
    }
    return l;
  }

  private multiplicative(): Expr {
    let l = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const t = this.next();
      l = { k: 'bin', op: t.v, l, r: this.unary(), pos: t.pos };
    }
    return l;
  }

  private unary(): Expr {
    if (this.isOp('-')) {
      const pos = this.next().pos;
      const r = this.nested(() => this.unary());
      return { k: 'bin', op: '-', l: { k: 'lit', v: 0, type: 'long', pos }, r, pos };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.next();
    const pos = t.pos;
    switch (t.t) {
      case 'str':
        return { k: 'lit', v: t.v, type: 'string', pos };
      case 'num':
        return { k: 'lit', v: t.n ?? 0, type: /[.e]/i.test(t.v) ? 'real' : 'long', pos };
      case 'span':
        return { k: 'call', fn: 'totimespan', args: [{ k: 'lit', v: t.n ?? 0, type: 'long', pos }], pos };
      case 'datetime': {
        const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(t.v) || t.v.length <= 10 ? t.v : `${t.v}Z`);
        if (Number.isNaN(ms)) throw new KqlError(`Invalid datetime literal '${t.v}'`, pos, 'syntax');
        return { k: 'lit', v: new Date(ms), type: 'datetime', pos };
      }
      case 'op':
        if (t.v === '(') {
          const e = this.expr();
          this.expectOp(')');
          return e;
        }
        if (t.v === '*') return { k: 'star', pos };
        return this.fail(t);
      case 'id':
        if (t.v === 'true' || t.v === 'false') return { k: 'lit', v: t.v === 'true', type: 'bool', pos };
        if (!this.isOp('(')) return { k: 'col', name: t.v, pos };
        if (t.v === 'dynamic') {
          this.next();
          const v = this.dynamicValue();
          this.expectOp(')');
          return { k: 'lit', v, type: 'dynamic', pos };
        }
        return { k: 'call', fn: t.v, args: this.args(), pos };
      default:
        return this.fail(t);
    }
  }

  /** A JSON-like literal inside dynamic(...): arrays, objects, strings, numbers, booleans, null. */
  private dynamicValue(): Value {
    return this.nested(() => this.dynamicItem());
  }

  private dynamicItem(): Value {
    const t = this.next();
    if (t.t === 'str') return t.v;
    if (t.t === 'num') return t.n ?? 0;
    if (t.t === 'op' && t.v === '-' && this.peek().t === 'num') return -(this.next().n ?? 0);
    if (t.t === 'id' && (t.v === 'true' || t.v === 'false')) return t.v === 'true';
    if (t.t === 'id' && t.v === 'null') return null;
    if (t.t === 'op' && (t.v === '[' || t.v === '{')) {
      const close = t.v === '[' ? ']' : '}';
      const arr: Value[] = [];
      const obj: Record<string, Value> = {};
      while (!this.isOp(close)) {
        if (close === ']') arr.push(this.dynamicValue());
        else {
          const key = this.next();
          if (key.t !== 'str') return this.fail(key);
          this.expectOp(':');
          obj[key.v] = this.dynamicValue();
        }
        if (!this.isOp(',')) break;
        this.next();
      }
      this.expectOp(close);
      return close === ']' ? arr : obj;
    }
    return this.fail(t);
  }

  /** `( expr, … )`, possibly empty. */
  protected args(): Expr[] {
    this.expectOp('(');
    const out: Expr[] = [];
    while (!this.isOp(')')) {
      out.push(this.expr());
      if (!this.isOp(',')) break;
      this.next();
    }
    this.expectOp(')');
    return out;
  }
}
