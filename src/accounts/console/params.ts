// The accounts pages' path, query and form values, validated: request ids are what newRequestId
// makes, import ids are numbers, cursors are what the pages themselves write, searches and reasons
// have length limits, states and audit actions are from their lists.
import { z } from 'zod';
import type { ConsoleRequest } from '../../platform/feature/console.js';
import { REQUEST_STATES } from '../model/request.js';
import { AUDIT_ACTIONS } from '../store/audit.js';
import { AccountsConsoleError } from './errors.js';

export const SEARCH_MAX = 200;
export const REASON_MAX = 500;
export const PAGE_SIZE = 50;

const requestId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const numericId = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/)
  .transform(Number);
/** `<epoch ms>~<request id>`: the last row of the page before. */
const requestCursor = z
  .string()
  .max(100)
  .regex(/^[0-9]{1,15}~[A-Za-z0-9_-]{1,64}$/)
  .transform((v) => {
    const i = v.indexOf('~');
    return { createdAt: Number(v.slice(0, i)), id: v.slice(i + 1) };
  });

export const requestParams = z.object({ id: requestId });
export const importParams = z.object({ id: numericId });
export const requestsQuery = z.object({
  state: z.enum(REQUEST_STATES).optional(),
  q: z.string().max(SEARCH_MAX).optional(),
  before: requestCursor.optional(),
});
export const importsQuery = z.object({ before: numericId.optional() });
export const importQuery = z.object({ after: numericId.optional() });
export const auditQuery = z.object({
  q: z
    .union([z.literal(''), z.enum(AUDIT_ACTIONS)])
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  before: numericId.optional(),
});
export const denyBody = z.object({ reason: z.string().trim().min(1).max(REASON_MAX) });
export const importBody = z.object({ template: z.string().min(1).max(40) });

export const requestCursorOf = (createdAt: number, id: string): string => `${createdAt}~${id}`;

/** The parsed value, or a 400 the administrator reads. */
export function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  req: ConsoleRequest,
  what: string,
): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new AccountsConsoleError('CONSOLE_BAD_REQUEST', req.t('error.badRequest', { what }), { what });
}
