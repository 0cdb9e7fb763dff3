// The shapes a console session is stored and read back in: what create() accepts, checked with zod
// before anything is written, and the roles column read back through zod.
import { z } from 'zod';
import { RecordInvalidError } from './errors.js';
import { ROLES, type Role } from './roles.js';

/** Longest user agent kept; the rest of a longer header is dropped, not refused. */
export const MAX_USER_AGENT = 512;

/** An Entra object id (a GUID), or `local:<name>` for an account of the console's own. */
export const subjectSchema = z.union([
  z.guid().transform((s) => s.toLowerCase()),
  z
    .string()
    .min(7)
    .max(134)
    .startsWith('local:')
    .refine((s) => !hasControl(s), 'control character'),
]);

export const newSessionSchema = z
  .object({
    subject: subjectSchema,
    name: z.string().min(1).max(256),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
    ip: z.string().min(1).max(64),
    userAgent: z.string().transform((s) => s.slice(0, MAX_USER_AGENT)),
  })
  .strict();
export type NewSession = z.input<typeof newSessionSchema>;

function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 127) return true;
  }
  return false;
}

export function parseNewSession(input: NewSession): z.output<typeof newSessionSchema> {
  const r = newSessionSchema.safeParse(input);
  if (r.success) return r.data;
  const why = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new RecordInvalidError(`session not created: ${why}`, r.error);
}

export function parseSubject(subject: string): string {
  const r = subjectSchema.safeParse(subject);
  if (!r.success) throw new RecordInvalidError('not a session subject (an Entra object id or local:<name>)');
  return r.data;
}

const storedRoles = z.array(z.string());

/**
 * The roles column. A role no longer known (one renamed in a later version) is dropped rather than
 * trusted: the session then has fewer rights, never more.
 */
export function readRoles(column: string): Role[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(column);
  } catch (e) {
    throw new RecordInvalidError('a stored session has unreadable roles', e);
  }
  const r = storedRoles.safeParse(parsed);
  if (!r.success) throw new RecordInvalidError('a stored session has unreadable roles', r.error);
  return r.data.filter((x): x is Role => (ROLES as readonly string[]).includes(x));
}
