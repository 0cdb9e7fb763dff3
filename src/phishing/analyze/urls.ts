// URLs of a message: from the text (after refanging; linkify-it finds them and trims trailing
// punctuation, in time linear in the text), from every element of its HTML that navigates
// (html-links.ts), and from its HTML and SVG attachments read the same way. A host written without a
// scheme counts only when it plainly is one (schemelessUrl): prose such as "sign.in" is not a link.
import { LinkifyIt } from 'linkify-it';
import { parse } from 'tldts';
import type { ReportAttachment } from '../parse/index.js';
import { decodeEntities, readHtml } from '../parse/html-text.js';
import { htmlAttachmentTexts } from './html/attachments.js';
import { linksOf } from './html-links.js';
import { refang } from './refang.js';

export { decodeEntities };
export { type HtmlLink, htmlLinks, messageLinks } from './html-links.js';

const linkify = new LinkifyIt()
  // Phishing favours these new TLDs; linkify's fuzzy list lacks them.
  .tlds(['zip', 'mov', 'app', 'dev', 'xyz', 'top', 'online', 'site', 'live', 'click', 'link', 'shop'], true)
  // Bare host names ("evil[.]zip") are candidates too; addresses and bare IPs are taken by their own patterns.
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

/**
 * Top-level domains that are as often a file extension (`detector.sv`, `setup.sh`, `local.cf`,
 * `invoice.zip`) or a short word after a missing space (`Unusual sign.in activity`, `remédio.no`) as a
 * domain. A bare name under one of them needs `www.` or a path to count.
 */
const AMBIGUOUS = new Set(
  'in is do no to as am so sh pl pm py rs md sv cc cs hs ml ps mk tf mo cf zip mov one cab pub'.split(' '),
);

/** Starts with a capital and goes on in lower case, as a word that begins a sentence or a name. */
const isCapitalised = (w: string) => w !== w.toLowerCase() && w.slice(1) === w.slice(1).toLowerCase();

const isLetterOrDigit = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/**
 * The URL of a host written without a scheme at text[start, end), or null when it is more likely
 * prose. It must stand alone (no letter or digit glued to either side: a word glued to `www.` is cut
 * off, as in "surwww.example.ma" written for "sur www.example.ma"), have a real registrable domain
 * under an ICANN suffix, not end in a capitalised word after a lower-case one (a sentence run on after
 * its full stop: "below.As of"; "News.Com" is a name), and, under an ambiguous suffix, start with `www.` or carry a path or query.
 */
export function schemelessUrl(text: string, start: number, end: number): string | null {
  if (isLetterOrDigit(text[start - 1]) || isLetterOrDigit(text[end])) return null;
  let raw = text.slice(start, end);
  const firstDot = raw.indexOf('.');
  const first = raw.slice(0, firstDot).toLowerCase();
  if (first.length > 3 && first.endsWith('www') && /^\p{L}+$/u.test(first.slice(0, -3)))
    raw = raw.slice(firstDot - 3);
  let url: URL;
  try {
    url = new URL(`http://${raw}`);
  } catch {
    return null;
  }
  const r = parse(url.hostname, { allowPrivateDomains: false });
  if (!r.isIcann || !r.domain || !r.publicSuffix) return null;
  const hostEnd = raw.search(/[/?#:]/);
  const written = raw.slice(0, hostEnd === -1 ? raw.length : hostEnd);
  const tld = written.slice(written.lastIndexOf('.') + 1);
  const before = written.slice(0, written.length - tld.length - 1);
  const previous = before.slice(before.lastIndexOf('.') + 1);
  if (isCapitalised(tld) && previous[0] !== previous[0]?.toUpperCase()) return null;
  const evident = url.hostname.startsWith('www.') || url.pathname.length > 1 || url.search !== '';
  const suffix = r.publicSuffix.slice(r.publicSuffix.lastIndexOf('.') + 1);
  return evident || !AMBIGUOUS.has(suffix) ? url.toString() : null;
}

export function urlsInText(text: string): string[] {
  if (!text) return [];
  const plain = refang(text);
  const out: string[] = [];
  for (const m of linkify.match(plain) ?? []) {
    const url = m.schema === '' ? schemelessUrl(plain, m.index, m.lastIndex) : m.url;
    const normal = url === null ? null : normaliseUrl(url);
    if (normal !== null) out.push(normal);
  }
  return out;
}

/** URLs written with their scheme: in code and style sheets a bare name is seldom a host. */
function urlsWithScheme(code: string): string[] {
  return (linkify.match(code) ?? [])
    .filter((m) => m.schema !== '')
    .map((m) => normaliseUrl(m.url))
    .filter((u): u is string => u !== null);
}

/**
 * URLs in HTML: every element that navigates, URLs written in the visible text, and URLs written in
 * its scripts and style sheets (what the page loads or posts to, and text hidden in an unclosed style).
 */
export function urlsInHtml(html: string): string[] {
  if (!html) return [];
  const reading = readHtml(html);
  const hrefs = linksOf(reading)
    .map((l) => normaliseUrl(refang(l.href)))
    .filter((u): u is string => u !== null);
  return [
    ...hrefs,
    ...urlsInText(reading.text),
    ...[...reading.scripts, ...reading.styles].flatMap(urlsWithScheme),
  ];
}

/** URLs of a message's HTML and SVG attachments, found as in a body. */
export function urlsInAttachments(attachments: readonly ReportAttachment[]): string[] {
  return htmlAttachmentTexts(attachments).flatMap(urlsInHtml);
}
