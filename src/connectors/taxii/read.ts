// Reading a TAXII answer through its zod schema: a body that is not JSON or misses a documented
// field becomes GSOC_TAXII_BAD_RESPONSE naming the first failing fields, never quoting values.
import type { z } from 'zod';
import { type HttpResponse, parseAnswer } from '../../platform/http/index.js';
import { errors, TaxiiResponseError } from './errors.js';

export const readAnswer = <S extends z.ZodType>(res: HttpResponse, schema: S, what: string): z.output<S> =>
  parseAnswer(
    res,
    schema,
    (problem, cause) => new TaxiiResponseError(errors.BAD_RESPONSE, `TAXII ${what}: ${problem}`, { cause }),
  );
