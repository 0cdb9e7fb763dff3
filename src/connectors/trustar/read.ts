// Reading a TruSTAR answer through its zod schema: a body that is not JSON or misses a documented
// field becomes GSOC_TRUSTAR_BAD_RESPONSE naming the first failing fields, never quoting values.
import type { z } from 'zod';
import type { HttpResponse } from '../../platform/http/index.js';
import { errors, TrustarResponseError } from './errors.js';

export function readAnswer<S extends z.ZodType>(res: HttpResponse, schema: S, what: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(res.body.toString('utf8'));
  } catch (cause) {
    throw new TrustarResponseError(errors.BAD_RESPONSE, `TruSTAR ${what}: answer ${res.status} is not JSON`, {
      cause,
    });
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const fields = r.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  throw new TrustarResponseError(
    errors.BAD_RESPONSE,
    `TruSTAR ${what}: answer does not match the documented shape (${fields})`,
    { cause: r.error },
  );
}
