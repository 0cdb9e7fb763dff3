// OData $filter for the security collections: parses a filter into a predicate over Graph JSON objects.
// Covers eq/ne/gt/ge/lt/le, and/or/not, parentheses, contains/startswith/endswith, string ('' escapes),
// number, boolean, null and unquoted date-time literals, property paths, type-cast segments
// (evidence/any(e: e/microsoft.graph.security.userEvidence/...)) and any/all lambdas.
// https://learn.microsoft.com/graph/filter-query-parameter
// https://docs.oasis-open.org/odata/odata/v4.01/odata-v4.01-part2-url-conventions.html#sec_BuiltinFilterOperations

import { DATE_RE, evaluate, type Node, type Predicate, truthy } from './odata-eval.js';

export class FilterError extends Error {}

type Tok = { t: 'str' | 'word' | 'num' | 'sym'; v: string; pos: number };

const COMPARE = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCS = new Set(['contains', 'startswith', 'endswith']);

/** Parses `filter`; `allowed` limits the top-level properties (undefined = any). */
export function compileFilter(filter: string, allowed?: ReadonlySet<string>): Predicate {
  const toks = tokenize(filter);
  let i = 0;
  const peek = () => toks[i];
  const fail = (msg: string, at = peek()?.pos ?? filter.length): never => {
    throw new FilterError(`Invalid filter clause: ${msg} at position ${at} in '${filter}'.`);
  };
  const isWord = (v: string) => peek()?.t === 'word' && peek()?.v === v;
  const expect = (v: string) => {
    const t = peek();
    if (t?.t !== 'sym' || t.v !== v) fail(`'${v}' expected`);
    i++;
  };
  const vars: string[] = [];
  let depth = 0;
  /** Deeper nesting is refused as a syntax error rather than risking the stack. */
  const nested = <T>(parse: () => T): T => {
    if (depth >= 100) fail('nesting deeper than 100 levels');
    depth++;
    try {
      return parse();
    } finally {
      depth--;
    }
  };

  const parseOr = (): Node => {
    let l = parseAnd();
    while (isWord('or')) {
      i++;
      l = { k: 'bool', op: 'or', l, r: parseAnd() };
    }
    return l;
  };
  const parseAnd = (): Node => {
    let l = parseUnary();
    while (isWord('and')) {
      i++;
      l = { k: 'bool', op: 'and', l, r: parseUnary() };
    }
    return l;
  };
  const parseUnary = (): Node => {
    if (isWord('not')) {
      i++;
      return { k: 'not', e: nested(parseUnary) };
    }
    const l = parseOperand();
    const op = peek();
    if (op?.t === 'word' && COMPARE.has(op.v)) {
      i++;
      return { k: 'cmp', op: op.v, l, r: parseOperand() };
    }
    return l;
  };
  const parseOperand = (): Node => {
    const t = peek();
    if (!t) return fail('unexpected end of expression');
    i++;
    if (t.t === 'sym' && t.v === '(') {
      const e = nested(parseOr);
      expect(')');
      return e;
    }
    if (t.t === 'str') return { k: 'lit', v: t.v };
    if (t.t === 'num') return { k: 'lit', v: DATE_RE.test(t.v) ? t.v : Number(t.v) };
    if (t.t !== 'word') return fail(`unexpected '${t.v}'`, t.pos);
    if (t.v === 'true' || t.v === 'false') return { k: 'lit', v: t.v === 'true' };
    if (t.v === 'null') return { k: 'lit', v: null };
    if (FUNCS.has(t.v.toLowerCase()) && peek()?.v === '(') {
      i++;
      const args = [nested(parseOr)];
      while (peek()?.v === ',') {
        i++;
        args.push(nested(parseOr));
      }
      expect(')');
      return { k: 'fn', name: t.v.toLowerCase(), args };
    }
    const segs = [t.v];
    if (!vars.includes(t.v) && allowed && !allowed.has(t.v))
      fail(`property '${t.v}' is not supported`, t.pos);
    while (peek()?.v === '/') {
      i++;
      const seg = peek();
      if (seg?.t !== 'word') return fail('property name expected');
      i++;
      if ((seg.v === 'any' || seg.v === 'all') && peek()?.v === '(') return parseLambda(segs, seg.v);
      segs.push(seg.v);
    }
    return { k: 'path', segs };
  };
  const parseLambda = (segs: string[], fn: 'any' | 'all'): Node => {
    expect('(');
    if (peek()?.v === ')') {
      i++;
      return { k: 'lambda', segs, fn };
    }
    const v = peek();
    if (v?.t !== 'word') return fail('lambda variable expected');
    i++;
    expect(':');
    vars.push(v.v);
    const body = nested(parseOr);
    vars.pop();
    expect(')');
    return { k: 'lambda', segs, fn, v: v.v, body };
  };

  const ast = parseOr();
  if (i < toks.length) fail(`unexpected '${toks[i]?.v}'`);
  return (obj) => truthy(evaluate(ast, obj, {}));
}

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      const start = i;
      let v = '';
      i++;
      for (;;) {
        if (i >= s.length)
          throw new FilterError(
            `Invalid filter clause: unterminated string literal at position ${start} in '${s}'.`,
          );
        if (s[i] === "'") {
          if (s[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += s[i];
        i++;
      }
      out.push({ t: 'str', v, pos: start });
    } else if ('()/,:'.includes(c)) {
      out.push({ t: 'sym', v: c, pos: i });
      i++;
    } else {
      const m = /^(-?\d[\w.:+-]*|[A-Za-z_$@#][\w.$@#]*)/.exec(s.slice(i));
      if (!m?.[1])
        throw new FilterError(
          `Invalid filter clause: character '${c}' is not valid at position ${i} in '${s}'.`,
        );
      out.push({ t: /^-?\d/.test(m[1]) ? 'num' : 'word', v: m[1], pos: i });
      i += m[1].length;
    }
  }
  return out;
}
