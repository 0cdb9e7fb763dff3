// Numbers and booleans from graphsoc.toml must be TOML numbers and booleans: `port = "8080"` is text,
// and quietly reading it as a number would hide the mistake the next reader makes. Only GRAPHSOC_*
// variables, which are always text, are read as numbers (env-overrides.ts converts them); text there
// that spells no number is reported here too, naming the variable.
import type { z } from 'zod';
import type { ConfigProblem } from './errors.js';
import { type RawConfig, renderPath } from './env-overrides.js';
import { describe } from './problems.js';
import { nodeOf } from './schema-walk.js';

const EXPECTED: Record<string, string> = { number: 'a number', boolean: 'true or false' };

/** A problem for each number or boolean key that holds text. */
export function textWhereTyped(
  schema: z.ZodType,
  raw: RawConfig,
  sourceOf: (key: string) => string,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const visit = (s: z.ZodType, value: unknown, path: Array<string | number>): void => {
    const node = nodeOf(s);
    if (node.kind === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) if (node.fields[k]) visit(node.fields[k], v, [...path, k]);
    } else if (node.kind === 'array' && Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(node.element, v, [...path, i]);
    } else if (node.kind === 'leaf' && typeof value === 'string' && EXPECTED[node.type]) {
      const key = renderPath(path);
      const source = sourceOf(key);
      const unquoted = source.startsWith('env ') ? '' : ', written without quotes';
      problems.push({ source, key, expected: `${EXPECTED[node.type]}${unquoted}`, found: describe(value) });
    }
  };
  visit(schema, raw, []);
  return problems;
}
