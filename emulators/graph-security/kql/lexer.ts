// KQL tokenizer: identifiers (and project-away style names), string literals ("…", '…' with backslash
// escapes, verbatim @"…"), numbers, timespans (7d, 24h, 30m, 10s, 100ms), datetime(...) literals, operators.
// https://learn.microsoft.com/kusto/query/scalar-data-types/string  …/timespan  …/datetime
import { KqlError, type Token } from './ast.js';

const SPAN_UNITS: Record<string, number> = {
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  minutes: 60_000,
  s: 1000,
  sec: 1000,
  second: 1000,
  seconds: 1000,
  ms: 1,
  milli: 1,
  millis: 1,
  millisecond: 1,
  milliseconds: 1,
};
const OPERATORS = ['==', '!=', '=~', '!~', '<=', '>=', '..', '<', '>', '=', '+', '-', '*', '/', '%', '|'];
const PUNCT = '()[]{},;:.';
const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
  '0': '\0',
};

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const syntax = (at: number, what: string) =>
    new KqlError(`Query could not be parsed at '${what}'`, at, 'syntax');
  while (i < src.length) {
    const c = src[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (c === '"' || c === "'" || (c === '@' && (src[i + 1] === '"' || src[i + 1] === "'"))) {
      const verbatim = c === '@';
      const quote = src[verbatim ? i + 1 : i] ?? '"';
      i += verbatim ? 2 : 1;
      let v = '';
      for (;;) {
        const ch = src[i];
        if (ch === undefined || (ch === '\n' && !verbatim)) throw syntax(start, src.slice(start, start + 20));
        if (ch === quote) {
          if (verbatim && src[i + 1] === quote) {
            v += quote;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (ch === '\\' && !verbatim) {
          const e = ESCAPES[src[i + 1] ?? ''];
          if (e === undefined) throw syntax(i, src.slice(i, i + 2));
          v += e;
          i += 2;
          continue;
        }
        v += ch;
        i++;
      }
      out.push({ t: 'str', v, pos: start });
      continue;
    }
    const num = /^\d+(\.\d+)?(?:e[+-]?\d+)?/i.exec(src.slice(i));
    if (num) {
      i += num[0].length;
      const unit = /^[a-z]+/i.exec(src.slice(i))?.[0];
      if (unit !== undefined) {
        const ms = SPAN_UNITS[unit.toLowerCase()];
        if (ms === undefined) throw syntax(start, src.slice(start, i + unit.length));
        i += unit.length;
        out.push({ t: 'span', v: src.slice(start, i), pos: start, n: Number(num[0]) * ms });
      } else {
        out.push({ t: 'num', v: num[0], pos: start, n: Number(num[0]) });
      }
      continue;
    }
    const word = /^(!?[A-Za-z_$][\w$]*)/.exec(src.slice(i));
    if (word?.[1]) {
      let v = word[1];
      i += v.length;
      const rest = src.slice(i);
      const dashed = /^-(away|rename|keep|reorder)\b/.exec(rest);
      if (v === 'project' && dashed) {
        v += dashed[0];
        i += dashed[0].length;
      } else if ((v === 'in' || v === '!in') && src[i] === '~') {
        v += '~';
        i++;
      } else if (v === 'datetime' && /^\s*\(/.test(rest)) {
        const close = src.indexOf(')', i);
        if (close < 0) throw syntax(start, src.slice(start, start + 20));
        const inner = src
          .slice(src.indexOf('(', i) + 1, close)
          .trim()
          .replace(/^["']|["']$/g, '');
        out.push({ t: 'datetime', v: inner, pos: start });
        i = close + 1;
        continue;
      }
      out.push({ t: 'id', v, pos: start });
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ t: 'op', v: op, pos: start });
      i += op.length;
      continue;
    }
    if (PUNCT.includes(c)) {
      out.push({ t: 'op', v: c, pos: start });
      i++;
      continue;
    }
    throw syntax(start, c);
  }
  out.push({ t: 'eof', v: '', pos: src.length });
  return out;
}
