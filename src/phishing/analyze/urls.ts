// URLs of a message: from the text (after refanging; linkify-it finds them and trims trailing
// punctuation, in time linear in the text) and from HTML href attributes (html-links.ts).
import { LinkifyIt } from 'linkify-it';
import { decodeEntities } from '../parse/html-text.js';
import { htmlLinks, withoutTags } from './html-links.js';
import { refang } from './refang.js';

export { decodeEntities };
export { type HtmlLink, htmlLinks } from './html-links.js';

const linkify = new LinkifyIt()
  // Phishing favours these new TLDs; linkify's fuzzy list lacks them.
  .tlds(['zip', 'mov', 'app', 'dev', 'xyz', 'top', 'online', 'site', 'live', 'click', 'link', 'shop'], true)
  // Bare host names ("evil[.]zip") are links too; addresses and bare IPs are taken by their own patterns.
  .set({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false });

/** Normal form used for de-duplication: lower-case scheme and host, no fragment. */
export function normaliseUrl(url: string): string | null {
  try {
    const u = new URL(url);
    if (!['http:', 'https:', 'ftp:'].includes(u.protocol)) return null;
    u.hash = '';
    return u.toString();
  } catch {
    return null;
  }
}

export function urlsInText(text: string): string[] {
  if (!text) return [];
  const matches = linkify.match(refang(text)) ?? [];
  return matches.map((m) => normaliseUrl(m.url)).filter((u): u is string => u !== null);
}

/** URLs in HTML: every href plus URLs written in the visible text. */
export function urlsInHtml(html: string): string[] {
  if (!html) return [];
  const hrefs = htmlLinks(html)
    .map((l) => normaliseUrl(refang(l.href)))
    .filter((u): u is string => u !== null);
  const visible = decodeEntities(withoutTags(html, ' '));
  return [...hrefs, ...urlsInText(visible)];
}
