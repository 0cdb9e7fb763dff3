// KQL value semantics: null handling, equality (case-sensitive and ~ insensitive), ordering, the `has`
// term match, and how values are written into runHuntingQuery results.
// https://learn.microsoft.com/kusto/query/datatypes-string-operators  …/null-values
import { type KqlType, Span, type Value } from './ast.js';

export function isNull(v: Value | undefined): v is null | undefined {
  return v === null || v === undefined;
}

/** Empty means null or the empty string (KQL string columns hold "" rather than null). */
export function isEmpty(v: Value | undefined): boolean {
  return isNull(v) || v === '';
}

/** The text string operators see; dynamic values are their JSON. */
export function toText(v: Value | undefined): string {
  if (isNull(v)) return '';
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Span) return formatSpan(v.ms);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function scalarNumber(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof Date) return v.getTime();
  if (v instanceof Span) return v.ms;
  return undefined;
}

/** `==` / `=~`: a null on either side never matches, as in KQL. */
export function equal(a: Value | undefined, b: Value | undefined, ci: boolean): boolean {
  if (isNull(a) || isNull(b)) return false;
  const na = scalarNumber(a);
  const nb = scalarNumber(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  const ta = toText(a);
  const tb = toText(b);
  return ci ? ta.toLowerCase() === tb.toLowerCase() : ta === tb;
}

/** Ordinal ordering for sort/min/max/</>; undefined when either side is null or kinds differ. */
export function order(a: Value | undefined, b: Value | undefined): number | undefined {
  if (isNull(a) || isNull(b)) return undefined;
  const na = scalarNumber(a);
  const nb = scalarNumber(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  if (na !== undefined || nb !== undefined) return undefined;
  const ta = toText(a);
  const tb = toText(b);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/** `has`: the needle must sit on term boundaries (non-alphanumeric characters or the ends). */
export function hasTerm(haystack: string, needle: string, cs: boolean): boolean {
  if (needle === '') return true;
  const h = cs ? haystack : haystack.toLowerCase();
  const n = cs ? needle : needle.toLowerCase();
  for (let at = h.indexOf(n); at >= 0; at = h.indexOf(n, at + 1)) {
    const before = h[at - 1];
    const after = h[at + n.length];
    if ((before === undefined || !isWordChar(before)) && (after === undefined || !isWordChar(after)))
      return true;
  }
  return false;
}

function isWordChar(c: string): boolean {
  return /[\p{L}\p{N}_]/u.test(c);
}

/** A stable key for grouping, distinct and dcount. */
export function keyOf(v: Value | undefined): string {
  if (isNull(v)) return '\u0000null';
  if (v instanceof Date) return `d${v.getTime()}`;
  if (v instanceof Span) return `t${v.ms}`;
  return typeof v === 'string' ? `s${v}` : `j${JSON.stringify(v)}`;
}

/** d.hh:mm:ss[.fffffff], the way Kusto prints a timespan. */
export function formatSpan(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(rest / 3_600_000);
  const m = Math.floor((rest % 3_600_000) / 60_000);
  const s = Math.floor((rest % 60_000) / 1000);
  const frac = rest % 1000 ? `.${String(rest % 1000).padStart(3, '0')}0000` : '';
  return `${sign}${days ? `${days}.` : ''}${pad(h)}:${pad(m)}:${pad(s)}${frac}`;
}

/** The JSON a result cell carries: dates as ISO 8601, timespans as text, dynamic values as JSON text. */
export function serialize(v: Value | undefined, type: KqlType): unknown {
  if (isNull(v)) return type === 'string' ? '' : null;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Span) return formatSpan(v.ms);
  if (type === 'dynamic' || typeof v === 'object') return JSON.stringify(v);
  return v;
}

/** Type names as runHuntingQuery's schema reports them. */
export const SCHEMA_TYPE: Record<KqlType, string> = {
  string: 'String',
  datetime: 'DateTime',
  long: 'Int64',
  int: 'Int32',
  real: 'Double',
  bool: 'Boolean',
  dynamic: 'Object',
  timespan: 'TimeSpan',
};
