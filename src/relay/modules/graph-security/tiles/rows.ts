// Reading the columns of hunting result rows for the tiles. Rows come from outside, so every value is
// checked: a count must be a whole number of alerts, names are cleaned and capped, and a severity the
// module does not know becomes "unknown" rather than an error.
import { z } from 'zod';
import { COL } from './queries.js';

export type HuntingRow = Record<string, unknown>;

/** Severities in display order; AlertInfo spells them High, Medium, Low, Informational. */
export const SEVERITIES = ['high', 'medium', 'low', 'informational', 'unknown'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Record<Severity, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  informational: 'Informational',
  unknown: 'Unknown',
};

/** Graph serialises a Kusto long as a JSON number; a numeric string is accepted too. */
const countSchema = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\d{1,15}$/)
      .transform(Number),
  ])
  .pipe(z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER));

/** The row's alert count, or undefined when it is not a whole non-negative number. */
export function countOf(row: HuntingRow): number | undefined {
  const r = countSchema.safeParse(row[COL.alerts]);
  return r.success ? r.data : undefined;
}

/**
 * Calls `each` with every row that has a valid count; a row without one, or one `each` refuses by
 * returning false, is counted as skipped. Returns the number skipped, for the tile's warning.
 */
export function eachCounted(
  rows: readonly HuntingRow[],
  each: (row: HuntingRow, n: number) => boolean | undefined,
): number {
  let skipped = 0;
  for (const row of rows) {
    const n = countOf(row);
    if (n === undefined || each(row, n) === false) skipped++;
  }
  return skipped;
}

export function severityOf(row: HuntingRow): Severity {
  const v = row[COL.severity];
  if (typeof v !== 'string') return 'unknown';
  const s = v.trim().toLowerCase();
  return (SEVERITIES as readonly string[]).includes(s) ? (s as Severity) : 'unknown';
}

const MAX_LABEL_CHARS = 80;

/** C0 and C1 control characters, which a dashboard label has no use for. */
const isControl = (cp: number) => cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);

/** A display name: control characters removed, whitespace collapsed, capped; blank → "Unknown". */
export function labelOf(row: HuntingRow, column: string): string {
  const v = row[column];
  if (typeof v !== 'string') return 'Unknown';
  const spaced = Array.from(v, (ch) => (isControl(ch.codePointAt(0) ?? 0) ? ' ' : ch)).join('');
  // Code points, not UTF-16 units, so the cap never splits a surrogate pair.
  const clean = Array.from(spaced.replace(/\s+/g, ' ').trim());
  if (clean.length === 0) return 'Unknown';
  return clean.length > MAX_LABEL_CHARS ? `${clean.slice(0, MAX_LABEL_CHARS - 1).join('')}…` : clean.join('');
}

const DAY_MS = 86_400_000;

/** The UTC midnight of the row's day column, or undefined when it is not a date. */
export function dayOf(row: HuntingRow): number | undefined {
  const v = row[COL.day];
  if (typeof v !== 'string') return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / DAY_MS) * DAY_MS;
}
