// Reading a TAXII answer through its zod schema: a body that is not JSON or misses a required field
// becomes GSOC_TAXII_BAD_RESPONSE naming the first failing fields, never quoting values.
import type { z } from 'zod';
import type { HttpResponse } from '../../platform/http/index.js';
import { errors, TaxiiResponseError } from './errors.js';

export function readAnswer<S extends z.ZodType>(res: HttpResponse, schema: S, what: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(res.body.toString('utf8'));
  } catch (cause) {
    throw new TaxiiResponseError(errors.BAD_RESPONSE, `TAXII ${what}: answer ${res.status} is not JSON`, {
      cause,
    });
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const fields = r.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  throw new TaxiiResponseError(
    errors.BAD_RESPONSE,
    `TAXII ${what}: answer does not match TAXII 2.1 (${fields})`,
    { cause: r.error },
  );
}
