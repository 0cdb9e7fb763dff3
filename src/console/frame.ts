// The frame around every console page: who is signed in, the navigation, the language and theme,
// the flash message of the action just taken. Built once per request from the session and headers.
import type { FastifyRequest } from 'fastify';
import type { Locale, Messages, Tone } from '../platform/feature/index.js';
import { type ConsoleAction, can, type Session } from '../platform/web-session/index.js';
import { formatTime } from './cells.js';
import { localeOf } from './locale.js';
import { CONSOLE_MESSAGES } from './messages.js';
import { type Translate, translator } from './translate.js';

export const THEME_COOKIE = 'graphsoc-theme';
export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface NavEntry {
  path: string;
  /** Already translated. */
  title: string;
  /** The lowest role that sees it; everyone signed in when not given. */
  needs?: ConsoleAction;
}

export interface Frame {
  locale: Locale;
  t: Translate;
  theme: Theme;
  title: string;
  nav: Array<{ path: string; title: string; current: boolean }>;
  user: { name: string; roles: string };
  csrf: string;
  mode: 'serve' | 'sandbox';
  version: string;
  instance: string;
  generatedAt: string;
  generatedText: string;
  live: boolean;
  flash?: { tone: Tone; text: string };
  /** This page's path and query, where a form on it sends the reader back to. */
  returnPath: string;
}

export interface FrameSite {
  mode: 'serve' | 'sandbox';
  version: string;
  instance: string;
  nav(t: Translate, locale: Locale): NavEntry[];
}

export function requestLocale(req: FastifyRequest): Locale {
  return localeOf(req.headers.cookie, req.headers['accept-language']);
}

export function requestTheme(req: FastifyRequest): Theme {
  const v = /(?:^|;\s*)graphsoc-theme=(\w+)(?:;|$)/.exec(req.headers.cookie ?? '')?.[1];
  return (THEMES as readonly string[]).includes(v ?? '') ? (v as Theme) : 'auto';
}

export function consoleTranslator(locale: Locale): Translate {
  return translator(CONSOLE_MESSAGES, locale);
}

/** The texts of a feature and the console's together (the feature's ids are its own prefix). */
export function mergedMessages(...all: Messages[]): Messages {
  return {
    en: Object.assign({}, ...all.map((m) => m.en)),
    de: Object.assign({}, ...all.map((m) => m.de)),
  };
}

export function buildFrame(
  req: FastifyRequest,
  site: FrameSite,
  session: Session,
  page: { title: string; live?: boolean; flash?: Frame['flash'] },
): Frame {
  const locale = requestLocale(req);
  const t = consoleTranslator(locale);
  const path = req.url.split('?')[0] ?? '/';
  const now = new Date();
  const entries = site.nav(t, locale).filter((n) => n.needs === undefined || can(session.roles, n.needs));
  // The entry this page belongs to: the longest path it is at or under (/phishing/quarantine/x is
  // under Quarantine, not Campaigns at /phishing).
  const under = (n: NavEntry) =>
    n.path === '/' ? path === '/' : path === n.path || path.startsWith(`${n.path}/`);
  const current = entries.filter(under).sort((a, b) => b.path.length - a.path.length)[0];
  const nav = entries.map((n) => ({ path: n.path, title: n.title, current: n === current }));
  return {
    locale,
    t,
    theme: requestTheme(req),
    title: page.title,
    nav,
    user: { name: session.name, roles: session.roles.map((r) => t(`role.${r}`)).join(', ') },
    csrf: session.csrfToken,
    mode: site.mode,
    version: site.version,
    instance: site.instance,
    generatedAt: now.toISOString(),
    generatedText: formatTime(now, locale),
    live: page.live === true,
    ...(page.flash ? { flash: page.flash } : {}),
    returnPath: returnPathOf(req.url),
  };
}

/** The request's own path and query with the flash taken out, so a form sends the reader back here. */
export function returnPathOf(url: string): string {
  const u = new URL(url, 'http://console.invalid');
  u.searchParams.delete('flash');
  return `${u.pathname}${u.search}`;
}
