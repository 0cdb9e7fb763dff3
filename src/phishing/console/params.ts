// The phishing pages' path and query parameters, validated: ids are numbers, keys are short, page
// cursors are what the pages themselves write, and a search has a length limit.
import { z } from 'zod';
import type { ConsoleRequest } from '../../platform/feature/console.js';
import { type T, tOf } from './cells.js';
import { PhishingConsoleError } from './errors.js';

export const SEARCH_MAX = 500;

const reportId = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/)
  .transform(Number);
const campaignKey = z.string().min(1).max(200);
/** `<epoch ms>~<key or id>`: the last row of the page before. */
const cursor = z
  .string()
  .max(260)
  .regex(/^[0-9]{1,15}~.{1,200}$/s)
  .transform((v) => {
    const i = v.indexOf('~');
    return { at: Number(v.slice(0, i)), rest: v.slice(i + 1) };
  });

export const reportParams = z.object({ id: reportId });
export const campaignParams = z.object({ key: campaignKey });
export const campaignsQuery = z.object({ before: cursor.optional(), q: z.string().optional() });
export const campaignQuery = z.object({
  after: cursor
    .refine((c) => /^[1-9][0-9]{0,14}$/.test(c.rest))
    .transform((c) => ({ at: c.at, id: Number(c.rest) }))
    .optional(),
});

export const cursorOf = (at: number, rest: string | number): string => encodeURIComponent(`${at}~${rest}`);

/** The parsed value, or a 400 the operator reads. */
export function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  req: ConsoleRequest,
  what: string,
): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const t: T = tOf(req);
  throw new PhishingConsoleError('BAD_REQUEST', t('error.badRequest', { what }), { what });
}
