// Which language a portal page is in: `?lang=` when given (remembered in a cookie), else the cookie,
// else the best of Accept-Language by its q-values, else English. The header is the client's: at
// most 512 characters of it are read, in one pass per range.
import { findCookie } from '../../platform/web-session/index.js';
import { escapeHtml } from '../mail/compose.js';
import { DE } from './messages-de.js';
import { EN, type MessageId } from './messages-en.js';

export const PORTAL_LOCALES = ['en', 'de'] as const;
export type PortalLocale = (typeof PORTAL_LOCALES)[number];
export const LANG_COOKIE = 'graphsoc-accounts-lang';

export const isPortalLocale = (v: unknown): v is PortalLocale =>
  typeof v === 'string' && (PORTAL_LOCALES as readonly string[]).includes(v);

/** The first locale we speak among the header's ranges, highest q first (ties in header order). */
export function negotiate(acceptLanguage: string | undefined): PortalLocale {
  let best: { locale: PortalLocale; q: number; i: number } | undefined;
  const ranges = (acceptLanguage ?? '').slice(0, 512).split(',');
  ranges.forEach((range, i) => {
    const [tag = '', ...params] = range.split(';');
    const lang = tag.trim().toLowerCase().split('-')[0] ?? '';
    let q = 1;
    for (const p of params) {
      const [k = '', v = ''] = p.split('=');
      if (k.trim().toLowerCase() === 'q') q = /^\s*(0(\.\d{0,3})?|1(\.0{0,3})?)\s*$/.test(v) ? Number(v) : 0;
    }
    const locale = lang === '*' ? 'en' : lang;
    if (q <= 0 || !isPortalLocale(locale)) return;
    if (best === undefined || q > best.q) best = { locale, q, i };
  });
  return best?.locale ?? 'en';
}

export function localeOf(req: {
  query: unknown;
  headers: Record<string, string | string[] | undefined>;
}): PortalLocale {
  const q = (req.query as { lang?: unknown } | undefined)?.lang;
  if (isPortalLocale(q)) return q;
  const cookie = findCookie(req.headers.cookie, LANG_COOKIE, isPortalLocale);
  if (isPortalLocale(cookie)) return cookie;
  const al = req.headers['accept-language'];
  return negotiate(Array.isArray(al) ? al.join(',') : al);
}

export type Translate = (id: MessageId, values?: Record<string, string | number>) => string;

function fill(
  src: string,
  values: Record<string, string | number>,
  text: (s: string) => string,
  value: (s: string) => string,
): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{', i);
    const close = open < 0 ? -1 : src.indexOf('}', open);
    if (open < 0 || close < 0) return out + text(src.slice(i));
    const v = values[src.slice(open + 1, close)];
    out += text(src.slice(i, open)) + (v === undefined ? '' : value(String(v)));
    i = close + 1;
  }
  return out;
}

const textsOf = (locale: PortalLocale): Record<MessageId, string> => (locale === 'de' ? DE : EN);

/** Plain text with `{name}` filled in; the views escape the result. */
export function translator(locale: PortalLocale): Translate {
  const texts = textsOf(locale);
  return (id, values = {}) =>
    fill(
      texts[id],
      values,
      (s) => s,
      (s) => s,
    );
}

/**
 * Escaped HTML with each value escaped and isolated in <bdi> (a name with U+202E or Arabic letters
 * cannot turn the sentence around it): for values a person typed or a mail address.
 */
export function htmlTranslator(locale: PortalLocale): Translate {
  const texts = textsOf(locale);
  return (id, values = {}) => fill(texts[id], values, escapeHtml, (s) => `<bdi>${escapeHtml(s)}</bdi>`);
}
