// The shape of an audit entry: what append() accepts, checked before it is written, and the detail
// JSON bounded in size and read back through zod.
import { z } from 'zod';
import { RecordInvalidError } from './errors.js';

export const OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof OUTCOMES)[number];

/** Lengths kept of what comes from the client or may grow; the rest is cut, never refused. */
const cut = (max: number) => z.string().transform((s) => s.slice(0, max));

/**
 * A stable dotted code, e.g. `phishing.report.release`: two to eight lowercase segments, each a
 * letter then letters, digits or dashes. Checked by splitting, not by a pattern with a repeated group.
 */
export function isActionCode(v: string): boolean {
  if (v.length > 128) return false;
  const segments = v.split('.');
  return (
    segments.length >= 2 &&
    segments.length <= 8 &&
    segments.every((s) => s.length > 0 && /^[a-z][a-z0-9-]*$/.test(s))
  );
}

export const auditInputSchema = z
  .object({
    /** When it happened, epoch ms; now when left out. */
    at: z.number().int().nonnegative().optional(),
    /** Who: the session's subject and name; null for someone not signed in (a refused sign-in). */
    actor: z
      .object({ subject: cut(256), name: cut(256) })
      .strict()
      .nullable(),
    action: z.string().refine(isActionCode, 'not a dotted action code such as phishing.report.release'),
    /** What it was done to: a report id, an account, a settings key. */
    target: cut(512).nullish(),
    ip: cut(64),
    userAgent: cut(512),
    outcome: z.enum(OUTCOMES),
    detail: z.unknown().optional(),
  })
  .strict();
export type AuditInput = z.input<typeof auditInputSchema>;

export function parseAuditInput(input: AuditInput): z.output<typeof auditInputSchema> {
  const r = auditInputSchema.safeParse(input);
  if (r.success) return r.data;
  const why = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new RecordInvalidError(`audit entry not written: ${why}`, r.error);
}

/**
 * The detail as stored: its JSON, or a note of its size when longer than `maxBytes` (the entry is
 * still written: an audit log that drops entries for their size is worse than a short one).
 */
export function detailColumn(detail: unknown, maxBytes: number): string | null {
  if (detail === undefined) return null;
  let json: string | undefined;
  try {
    json = JSON.stringify(detail);
  } catch {
    // A cycle or a bigint: the entry is kept, saying so.
    return JSON.stringify({ unserialisable: true });
  }
  if (json === undefined) return null;
  const bytes = Buffer.byteLength(json, 'utf8');
  return bytes <= maxBytes ? json : JSON.stringify({ truncated: true, bytes });
}

export function readDetail(column: string | null): unknown {
  if (column === null) return undefined;
  try {
    return z.json().parse(JSON.parse(column));
  } catch (e) {
    throw new RecordInvalidError('a stored audit entry has unreadable detail', e);
  }
}
