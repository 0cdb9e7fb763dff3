// The runHuntingQuery `Timespan` parameter: an ISO 8601 interval that limits the rows the query sees.
// Accepted forms (from the API page): "Date/Date", "P30D/Date", "Date/P30D", "P30D" (back from now) and
// a single start date (up to now). Without one the service uses the last 30 days.
// https://learn.microsoft.com/graph/api/security-security-runhuntingquery
const DURATION_RE =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;
const UNIT_MS = [365 * 86_400_000, 30 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000];
export const DEFAULT_TIMESPAN_MS = 30 * 86_400_000;

export interface Window {
  startMs: number;
  endMs: number;
}

/** Milliseconds of an ISO 8601 duration (P30D, PT12H, P1DT6H); undefined if it is not one. */
export function durationMs(text: string): number | undefined {
  const m = DURATION_RE.exec(text.trim());
  if (!m || text.trim().toUpperCase() === 'P' || /T$/i.test(text.trim())) return undefined;
  return UNIT_MS.reduce((sum, unit, i) => sum + Number(m[i + 1] ?? 0) * unit, 0);
}

function instant(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}/.test(text.trim())) return undefined;
  const t = Date.parse(text.trim());
  return Number.isNaN(t) ? undefined : t;
}

/** The query window, or a message saying why `raw` is not a valid Timespan. */
export function parseTimespan(raw: string | undefined, now: number): Window | string {
  if (raw === undefined || raw.trim() === '') return { startMs: now - DEFAULT_TIMESPAN_MS, endMs: now };
  const parts = raw.split('/');
  const bad = `Invalid Timespan '${raw}'. Use an ISO 8601 duration (P30D), a date, or an interval (start/end, P30D/end, start/P30D).`;
  if (parts.length === 1) {
    const d = durationMs(raw);
    if (d !== undefined) return { startMs: now - d, endMs: now };
    const start = instant(raw);
    return start === undefined ? bad : { startMs: start, endMs: now };
  }
  if (parts.length !== 2) return bad;
  const [a = '', b = ''] = parts;
  const aDate = instant(a);
  const bDate = instant(b);
  const aDur = durationMs(a);
  const bDur = durationMs(b);
  let window: Window | undefined;
  if (aDate !== undefined && bDate !== undefined) window = { startMs: aDate, endMs: bDate };
  else if (aDur !== undefined && bDate !== undefined) window = { startMs: bDate - aDur, endMs: bDate };
  else if (aDate !== undefined && bDur !== undefined) window = { startMs: aDate, endMs: aDate + bDur };
  if (!window || window.startMs > window.endMs) return bad;
  return window;
}
