// The links of an HTML document and of a message: every element that navigates (a, area, Outlook VML
// shapes, form actions, meta refresh, URL literals a script navigates to), each with its target
// resolved as a browser would (against <base>, `//host` as https) and the text its reader sees, for
// the URL indicators and the link-text mismatch rule. HTML and SVG attachments count as documents of
// the message. The markup is read by parse/html-text.ts in one linear pass.
import type { ParsedMessage } from '../parse/index.js';
import { type HtmlReading, type NavigationKind, readHtml } from '../parse/html-text.js';
import { htmlAttachmentTexts } from './html/attachments.js';
import { refreshTarget } from './html/meta-refresh.js';
import { documentBase, resolveHref } from './html/resolve-href.js';
import { scriptUrls } from './html/script-urls.js';

export type LinkKind = NavigationKind | 'script';

export interface HtmlLink {
  href: string;
  /** Visible text with tags removed and entities decoded; '' where the element shows none. */
  text: string;
  kind: LinkKind;
}

export function htmlLinks(html: string): HtmlLink[] {
  return html ? linksOf(readHtml(html)) : [];
}

/** The links of a document already read. */
export function linksOf(reading: HtmlReading): HtmlLink[] {
  const base = documentBase(reading.base);
  const out: HtmlLink[] = [];
  for (const n of reading.navigation) {
    const target = n.kind === 'refresh' ? refreshTarget(n.href) : n.href;
    if (target) out.push({ href: resolveHref(target, base), text: n.text, kind: n.kind });
  }
  for (const script of reading.scripts)
    for (const url of scriptUrls(script))
      out.push({ href: resolveHref(url, base), text: '', kind: 'script' });
  return out;
}

/** The links of a message: its HTML body, then each HTML or SVG attachment. */
export function messageLinks(message: Pick<ParsedMessage, 'html' | 'attachments'>): HtmlLink[] {
  return [message.html, ...htmlAttachmentTexts(message.attachments)].flatMap(htmlLinks);
}
