// Turns zod's findings into configuration problems in our words: one per key, each saying what was
// expected and what was found ("expected at most 65535; found 70000"), never zod's own phrasing
// ("Too big: expected number to be <=65535") and never a secret's value.
import type { z } from 'zod';
import { type RawConfig, renderPath } from './env-overrides.js';
import type { ConfigProblem } from './errors.js';
import { defaultAt } from './schema-walk.js';

type Issue = z.core.$ZodIssue;

/** A found value as a problem shows it: text quoted and shortened, numbers and booleans as written. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing (key missing)';
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v && typeof v === 'object') return 'a table';
  return String(v);
}

const TYPES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text (a string)',
  boolean: 'true or false',
  array: 'an array',
  object: 'a table',
};

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function bound(issue: Extract<Issue, { code: 'too_big' | 'too_small' }>): string {
  const big = issue.code === 'too_big';
  const n = Number(big ? issue.maximum : issue.minimum);
  const inclusive = issue.inclusive !== false;
  if (issue.origin === 'string') {
    if (!big && n === 1) return 'a non-empty string';
    return `${big ? 'at most' : 'at least'} ${plural(n, 'character')}`;
  }
  if (issue.origin === 'array' || issue.origin === 'set') {
    if (!big && n === 1) return 'at least one entry';
    return `${big ? 'at most' : 'at least'} ${plural(n, 'entry').replace(/entrys$/, 'entries')}`;
  }
  if (big) return inclusive ? `at most ${n}` : `less than ${n}`;
  return inclusive ? `at least ${n}` : `more than ${n}`;
}

/** What an issue expected, without a leading "expected". */
export function expectation(issue: Issue): string {
  // The schemas' own messages are written "expected …" (and sometimes "…; found …", split off below).
  if (/^expected /.test(issue.message)) return issue.message.slice('expected '.length);
  switch (issue.code) {
    case 'invalid_type':
      return TYPES[issue.expected] ?? `a ${issue.expected}`;
    case 'too_big':
    case 'too_small':
      return bound(issue);
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      if (issue.format === 'url') return 'a URL';
      if (issue.format === 'regex' && 'pattern' in issue) return `text matching ${String(issue.pattern)}`;
      return `a valid ${issue.format}`;
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    case 'invalid_union': {
      const each = issue.errors.map((branch) => (branch[0] ? expectation(branch[0]) : 'something else'));
      return [...new Set(each)].join(' or ');
    }
    case 'invalid_key':
    case 'invalid_element':
      return issue.issues[0] ? expectation(issue.issues[0]) : 'a valid entry';
    default:
      return issue.message;
  }
}

function valueAt(raw: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = raw;
  for (const p of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

export interface ProblemContext {
  schema: z.ZodType;
  /** The configuration as validated: file, variables and secret files applied. */
  raw: RawConfig;
  /** The file or variable a key's value came from. */
  sourceOf: (key: string) => string;
  secretKeys: readonly string[];
}

export function problemsFrom(issues: readonly Issue[], ctx: ProblemContext): ConfigProblem[] {
  return issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => renderPath([...path, k]));
      return {
        source: ctx.sourceOf(keys[0] ?? ''),
        key: keys.join(', '),
        expected: 'only keys documented in docs/configuration.md',
        found: `unknown key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`,
      };
    }
    const key = renderPath(path) || '(top level)';
    const value = valueAt(ctx.raw, path);
    const last = path[path.length - 1];
    const secret = typeof last === 'string' && ctx.secretKeys.includes(last) && value !== undefined;
    const fallback = value === undefined ? defaultAt(ctx.schema, path) : undefined;
    // A check across keys may concern one left to its default: say which value that was.
    const found = secret
      ? '[redacted]'
      : fallback !== undefined && typeof fallback !== 'object'
        ? `nothing, so the default ${describe(fallback)}`
        : describe(value);
    // A check that says what it found ("…; found "fabrikam"") is not told it twice.
    const [expected = '', own] = expectation(issue).split(/; found (?=.)/, 2);
    return { source: ctx.sourceOf(key), key, expected, found: own !== undefined && !secret ? own : found };
  });
}

/** One problem per key: the first finding (the most specific, see load.ts) wins. */
export function onePerKey(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.key) && Boolean(seen.add(p.key)));
}
