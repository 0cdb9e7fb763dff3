// Validation of step options: every option has a default and a max bound (zod), and a per-call
// override is merged over the client's value and checked against the same bounds.
import type { z } from 'zod';
import { HttpOptionsError } from './errors.js';

/** Parses `value` with `schema`, turning a bound violation into GSOC_HTTP_OPTIONS_INVALID. */
export function parseOptions<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${[what, ...i.path].join('.')}: ${i.message}`).join('; ');
  throw new HttpOptionsError(`invalid HTTP options: ${problems}`);
}

/** The client's resolved options with a per-call override on top; validated only when overridden. */
export function withOverride<S extends z.ZodType>(
  schema: S,
  base: z.output<S>,
  override: object | undefined,
  what: string,
): z.output<S> {
  if (override === undefined) return base;
  return parseOptions(schema, { ...(base as object), ...override }, what);
}
