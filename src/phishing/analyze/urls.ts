// URLs of a message: from the text (after refanging; linkify-it finds them and trims trailing
// punctuation) and from HTML href attributes, plus each HTML link's visible text for the mismatch rule.
import { LinkifyIt } from 'linkify-it';
import { refang } from './refang.js';

const linkify = new LinkifyIt()
  // Phishing favours these new TLDs; linkify's fuzzy list lacks them.
  .tlds(['zip', 'mov', 'app', 'dev', 'xyz', 'top', 'online', 'site', 'live', 'click', 'link', 'shop'], true)
  // Bare host names ("evil[.]zip") are links too; addresses and bare IPs are taken by their own patterns.
  .set({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false });

export interface HtmlLink {
  href: string;
  /** Visible text with tags removed and entities decoded. */
  text: string;
}

const ENT: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp =
        e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ENT[e.toLowerCase()] ?? m;
  });
}

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

export function htmlLinks(html: string): HtmlLink[] {
  const out: HtmlLink[] = [];
  for (const m of html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi)) {
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(m[1] ?? '');
    const value = href ? (href[1] ?? href[2] ?? href[3] ?? '') : '';
    if (!value) continue;
    out.push({
      href: decodeEntities(value).trim(),
      text: decodeEntities((m[2] ?? '').replace(/<[^>]*>/g, ''))
        .replace(/\s+/g, ' ')
        .trim(),
    });
  }
  return out;
}

/** URLs in HTML: every href plus URLs written in the visible text. */
export function urlsInHtml(html: string): string[] {
  if (!html) return [];
  const hrefs = htmlLinks(html)
    .map((l) => normaliseUrl(refang(l.href)))
    .filter((u): u is string => u !== null);
  const visible = decodeEntities(html.replace(/<[^>]*>/g, ' '));
  return [...hrefs, ...urlsInText(visible)];
}
