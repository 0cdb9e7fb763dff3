// A feature's cell (see platform/feature/console.ts) as the page template draws it. Links are checked
// here, once: a console link must be a path on this console, an outside one an absolute https URL;
// anything else (javascript:, //host, a backslash trick) is shown as plain text.
import type { Cell, Locale, Tone } from '../platform/feature/index.js';
import { safeReturnPath } from './sign-in/index.js';

export type DrawnCell =
  | { kind: 'text'; text: string; code: boolean; tone?: Tone }
  | { kind: 'link'; text: string; href: string; external: boolean; code: boolean }
  | { kind: 'time'; iso: string; text: string }
  | { kind: 'list'; items: DrawnCell[] };

/** Cells longer than this are cut: a 10 MB subject must not become a 10 MB page. */
export const MAX_CELL = 2000;
const MAX_LIST = 200;

export function drawCell(cell: Cell, locale: Locale): DrawnCell {
  if (typeof cell === 'string') return { kind: 'text', text: cut(cell), code: false };
  if ('list' in cell)
    return { kind: 'list', items: cell.list.slice(0, MAX_LIST).map((c) => drawCell(c, locale)) };
  const text = cut(cell.text);
  if (cell.time) {
    const d = new Date(cell.text);
    if (!Number.isNaN(d.getTime()))
      return { kind: 'time', iso: d.toISOString(), text: formatTime(d, locale) };
  }
  if (cell.href !== undefined) {
    const href = cell.external ? externalHref(cell.href) : consoleHref(cell.href);
    if (href) return { kind: 'link', text, href, external: cell.external === true, code: cell.code === true };
  }
  return { kind: 'text', text, code: cell.code === true, ...(cell.tone ? { tone: cell.tone } : {}) };
}

function cut(s: string): string {
  return s.length > MAX_CELL ? `${s.slice(0, MAX_CELL)}…` : s;
}

/**
 * A path on this console (`/phishing/campaigns/x?y=1`), never another host: the check sign-in makes
 * of where to return to, so a link and a redirect pass or fail alike. Undefined when it is not one.
 */
export function consoleHref(href: string): string | undefined {
  const safe = safeReturnPath(href);
  return safe === '/' && href !== '/' ? undefined : safe;
}

export function externalHref(href: string): string | undefined {
  try {
    const u = new URL(href);
    return u.protocol === 'https:' && u.username === '' && u.password === '' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** A time as the page shows it before (or without) the script: the locale's date and time, in UTC. */
export function formatTime(d: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  })
    .format(d)
    .concat(' UTC');
}
