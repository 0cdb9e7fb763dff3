// How the portal answers with a page: eta views (auto-escaped) in the layout, the negotiated language
// in <html lang>, and the headers every portal page carries: a CSP that allows our stylesheet and
// nothing else, no caching (pages hold form tokens, codes and credentials), no referrer (status
// links are in URLs), no framing.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  htmlTranslator,
  LANG_COOKIE,
  localeOf,
  type PortalLocale,
  type Translate,
  translator,
} from './locale.js';

export const PORTAL_CSP =
  "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const CSS_PATH = '/accounts/portal.css';
export const PORTAL_CSS = readFileSync(fileURLToPath(new URL('./views/portal.css', import.meta.url)), 'utf8');

const eta = new Eta({
  views: fileURLToPath(new URL('./views/', import.meta.url)),
  autoEscape: true,
  cache: true,
});

export interface PageContext {
  locale: PortalLocale;
  /** Plain text; escape it in views with `<%= %>`. */
  t: Translate;
  /** Escaped HTML with values in <bdi>; put in views with `<%~ %>`. */
  h: Translate;
  /** This page's path, for the language links. */
  path: string;
}

export function pageContext(req: FastifyRequest): PageContext {
  const locale = localeOf(req);
  return {
    locale,
    t: translator(locale),
    h: htmlTranslator(locale),
    path: req.url.split('?')[0] ?? '/accounts',
  };
}

export function portalHeaders(reply: FastifyReply): void {
  reply
    .header('content-security-policy', PORTAL_CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY');
}

/** Renders `view` inside the layout with `title` as the page's <title> and <h1>. */
export function sendPage(
  req: FastifyRequest,
  reply: FastifyReply,
  view: string,
  page: { title: string; status?: number; data?: Record<string, unknown>; ctx?: PageContext },
): FastifyReply {
  const ctx = page.ctx ?? pageContext(req);
  const data = { ...ctx, ...(page.data ?? {}) };
  const body = eta.render(`./${view}`, data);
  const html = eta.render('./layout', { ...ctx, title: page.title, body, css: CSS_PATH });
  const lang = (req.query as { lang?: unknown } | undefined)?.lang;
  if (lang === ctx.locale)
    reply.header(
      'set-cookie',
      `${LANG_COOKIE}=${ctx.locale}; Path=/accounts; Max-Age=31536000; SameSite=Lax`,
    );
  portalHeaders(reply);
  return reply
    .code(page.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(html);
}

/** A page of one message (errors, refusals, notices) with a link back to the start. */
export function sendMessage(
  req: FastifyRequest,
  reply: FastifyReply,
  m: { title: string; text: string; status: number; ctx?: PageContext; html?: boolean },
): FastifyReply {
  return sendPage(req, reply, 'message', {
    title: m.title,
    status: m.status,
    data: { text: m.text, html: m.html === true },
    ...(m.ctx ? { ctx: m.ctx } : {}),
  });
}

/** 303 to `path` (after a POST), with the portal's headers. */
export function seeOther(reply: FastifyReply, path: string): FastifyReply {
  portalHeaders(reply);
  return reply.code(303).header('location', path).send();
}
