// Which language a console page is in: the reader's choice (a cookie the language switch sets), else
// the browser's Accept-Language, else English.
import { LOCALES, type Locale } from '../platform/feature/index.js';

export const LOCALE_COOKIE = 'graphsoc-lang';

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** `cookie` is the raw Cookie header, `acceptLanguage` the raw Accept-Language header. */
export function localeOf(cookie: string | undefined, acceptLanguage: string | undefined): Locale {
  const chosen = /(?:^|;\s*)graphsoc-lang=([a-z]{2})(?:;|$)/.exec(cookie ?? '')?.[1];
  if (isLocale(chosen)) return chosen;
  // Ranges in order of their q (ties keep header order); the first we speak wins.
  const ranges = (acceptLanguage ?? '')
    .slice(0, 512)
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(/^\s*q=([0-9.]+)\s*$/.exec(params.find((p) => /^\s*q=/.test(p)) ?? '')?.[1] ?? 1);
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranges.map((r) => r.lang).find(isLocale) ?? 'en';
}
