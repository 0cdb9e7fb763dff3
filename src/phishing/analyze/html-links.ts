// The links of an HTML body: each <a …>…</a> with its href and visible text, for the URL indicators
// and the link-text mismatch rule. A linear scan that finds what `/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi`
// found (the first `>` ends the start tag, the first `</a>` the link), without retrying from every `<a`
// of a body that never closes them: 500 KB of `<a href=x ` took 47 s that way.
import { decodeEntities } from '../parse/html-text.js';
import { asciiLower, findCloseTag, replaceDelimited, replaceEach, wordEndsAt } from '../parse/scan.js';

export interface HtmlLink {
  href: string;
  /** Visible text with tags removed and entities decoded. */
  text: string;
}

// Linear: it runs on one start tag, an attempt starts only at a word boundary before `href`, and the
// only long run it may scan (an unclosed quote) is followed by an alternative that then matches.
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

/** Tags removed (`/<[^>]*>/g` → `replacement`). */
export const withoutTags = (html: string, replacement: string): string =>
  replaceDelimited(html, '<', '>', replacement);

export function htmlLinks(html: string): HtmlLink[] {
  const out: HtmlLink[] = [];
  const lower = asciiLower(html);
  for (let at = lower.indexOf('<a'); at !== -1; ) {
    if (!wordEndsAt(lower, at + 2)) {
      at = lower.indexOf('<a', at + 1);
      continue;
    }
    // No `>` or no `</a>` after this start means none after a later one either: no more links.
    const gt = lower.indexOf('>', at + 2);
    if (gt === -1) break;
    const close = findCloseTag(lower, 'a', gt + 1);
    if (!close) break;
    const href = HREF.exec(html.slice(at + 2, gt));
    const value = href ? (href[1] ?? href[2] ?? href[3] ?? '') : '';
    if (value)
      out.push({
        href: decodeEntities(value).trim(),
        text: replaceEach(
          decodeEntities(withoutTags(html.slice(gt + 1, close.start), '')),
          /\s+/g,
          ' ',
        ).trim(),
      });
    at = lower.indexOf('<a', close.end);
  }
  return out;
}
