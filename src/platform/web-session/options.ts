// Options of the session store, the sign-in throttle and the audit log: zod schemas with their
// defaults and bounds, ready to become configuration keys, and the parse each constructor runs.
import { z } from 'zod';
import { SessionOptionsError } from './errors.js';

const seconds = (min: number, max: number, dflt: number) =>
  z.coerce.number().int().min(min).max(max).default(dflt);

export const sessionOptionsSchema = z
  .object({
    /** A session unused this long ends (issue 14: 30 minutes). Sliding: each request renews it. */
    idleTimeoutSec: seconds(60, 24 * 3600, 30 * 60),
    /** A session ends this long after sign-in however busy it is (issue 14: 12 hours). */
    absoluteLifetimeSec: seconds(300, 7 * 24 * 3600, 12 * 3600),
    /** The idle clock is written at most this often, to spare a write per request; it can make idle end this much early. */
    touchEverySec: seconds(1, 600, 60),
  })
  .strict()
  .refine(
    (o) => o.idleTimeoutSec <= o.absoluteLifetimeSec,
    'idleTimeoutSec must not exceed absoluteLifetimeSec',
  )
  .refine(
    (o) => o.touchEverySec * 2 <= o.idleTimeoutSec,
    'touchEverySec must be at most half of idleTimeoutSec',
  );
export type SessionOptions = z.output<typeof sessionOptionsSchema>;

const limit = (max: number, windowSec: number) =>
  z
    .object({
      /** Failed sign-ins allowed in the window; the next attempt is refused until the oldest leaves it. */
      maxFailures: z.coerce.number().int().min(1).max(1000).default(max),
      windowSec: seconds(10, 24 * 3600, windowSec),
    })
    .strict()
    .prefault({});

export const throttleOptionsSchema = z
  .object({
    /** Per client address (an IPv6 address counts as its /64, which one client usually holds whole). */
    perIp: limit(10, 15 * 60),
    /** Per user name as typed, case and surrounding space ignored, whether or not the account exists. */
    perUserName: limit(5, 15 * 60),
  })
  .strict();
export type ThrottleOptions = z.output<typeof throttleOptionsSchema>;

export const auditOptionsSchema = z
  .object({
    /** An entry's detail JSON longer than this is replaced by a note of its size. */
    maxDetailBytes: z.coerce
      .number()
      .int()
      .min(256)
      .max(64 * 1024)
      .default(4096),
    /** The retention purge deletes entries older than this. */
    retentionDays: z.coerce
      .number()
      .int()
      .min(1)
      .max(10 * 365)
      .default(400),
  })
  .strict();
export type AuditOptions = z.output<typeof auditOptionsSchema>;

/** Parses options given in code; out of bounds is our bug (configuration validates them first). */
export function parseOptions<S extends z.ZodType>(what: string, schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const why = r.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ');
  throw new SessionOptionsError(`${what} options: ${why}`, r.error);
}
