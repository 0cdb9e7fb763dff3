// KQL scalar functions the emulator evaluates: string helpers, emptiness tests, not(), time (ago, now,
// todatetime, bin) and conversions. Each declares its arity and result type for the type checker.
// https://learn.microsoft.com/kusto/query/scalar-functions
import { type KqlType, Span, type Value } from './ast.js';
import { isEmpty, isNull, toText } from './values.js';

export interface ScalarFunction {
  min: number;
  max: number;
  type(args: KqlType[]): KqlType;
  run(args: Value[], now: number): Value;
}

const fixed =
  (t: KqlType) =>
  (_args: KqlType[]): KqlType =>
    t;
const first = (args: KqlType[]): KqlType => args[0] ?? 'dynamic';

function fn(
  min: number,
  max: number,
  type: ScalarFunction['type'],
  run: ScalarFunction['run'],
): ScalarFunction {
  return { min, max, type, run };
}

function toDate(v: Value): Date | null {
  if (v instanceof Date) return v;
  if (typeof v !== 'string' || v === '') return null;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : new Date(ms);
}

function toNumber(v: Value): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return null;
}

function parseJson(v: Value): Value {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as Value;
  } catch {
    return null;
  }
}

export const SCALAR_FUNCTIONS: Record<string, ScalarFunction> = {
  tolower: fn(1, 1, fixed('string'), ([v]) => toText(v ?? null).toLowerCase()),
  toupper: fn(1, 1, fixed('string'), ([v]) => toText(v ?? null).toUpperCase()),
  tostring: fn(1, 1, fixed('string'), ([v]) => toText(v ?? null)),
  strcat: fn(1, 64, fixed('string'), (args) => args.map((a) => toText(a)).join('')),
  strlen: fn(1, 1, fixed('long'), ([v]) => toText(v ?? null).length),
  isempty: fn(1, 1, fixed('bool'), ([v]) => isEmpty(v)),
  isnotempty: fn(1, 1, fixed('bool'), ([v]) => !isEmpty(v)),
  isnull: fn(1, 1, fixed('bool'), ([v]) => isNull(v)),
  isnotnull: fn(1, 1, fixed('bool'), ([v]) => !isNull(v)),
  not: fn(1, 1, fixed('bool'), ([v]) => v !== true),
  iff: fn(
    3,
    3,
    (a) => a[1] ?? 'dynamic',
    ([c, a, b]) => (c === true ? (a ?? null) : (b ?? null)),
  ),
  iif: fn(
    3,
    3,
    (a) => a[1] ?? 'dynamic',
    ([c, a, b]) => (c === true ? (a ?? null) : (b ?? null)),
  ),
  coalesce: fn(1, 64, first, (args) => args.find((a) => !isEmpty(a)) ?? null),
  ago: fn(1, 1, fixed('datetime'), ([s], now) => (s instanceof Span ? new Date(now - s.ms) : null)),
  now: fn(0, 1, fixed('datetime'), ([s], now) => new Date(now + (s instanceof Span ? s.ms : 0))),
  todatetime: fn(1, 1, fixed('datetime'), ([v]) => toDate(v ?? null)),
  totimespan: fn(1, 1, fixed('timespan'), ([v]) =>
    v instanceof Span ? v : typeof v === 'number' ? new Span(v) : null,
  ),
  tolong: fn(1, 1, fixed('long'), ([v]) => {
    const n = toNumber(v ?? null);
    return n === null ? null : Math.trunc(n);
  }),
  toint: fn(1, 1, fixed('int'), ([v]) => {
    const n = toNumber(v ?? null);
    return n === null ? null : Math.trunc(n);
  }),
  todouble: fn(1, 1, fixed('real'), ([v]) => toNumber(v ?? null)),
  toreal: fn(1, 1, fixed('real'), ([v]) => toNumber(v ?? null)),
  todynamic: fn(1, 1, fixed('dynamic'), ([v]) => parseJson(v ?? null)),
  parse_json: fn(1, 1, fixed('dynamic'), ([v]) => parseJson(v ?? null)),
  array_length: fn(1, 1, fixed('long'), ([v]) => (Array.isArray(v) ? v.length : null)),
  bin: fn(2, 2, first, ([v, size]) => {
    const step = size instanceof Span ? size.ms : typeof size === 'number' ? size : 0;
    if (step <= 0 || isNull(v)) return null;
    if (v instanceof Date) return new Date(Math.floor(v.getTime() / step) * step);
    if (v instanceof Span) return new Span(Math.floor(v.ms / step) * step);
    return typeof v === 'number' ? Math.floor(v / step) * step : null;
  }),
};
