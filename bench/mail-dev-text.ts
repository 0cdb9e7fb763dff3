// The visible body text of a mail, as the bench's ground truth for templates sees it: independent of
// the product's own parsing on purpose, so that a bug there cannot make a template look right. The
// HTML part when there is one (what a mail client shows), else the plain text; tags dropped, the
// contents of style, script, head and title left out, common entities decoded. One pass, linear in
// the input: indexOf from where the previous step ended, never a pattern retried from every start.
import PostalMime from 'postal-mime';

/** Elements whose contents a reader never sees. */
const HIDDEN = new Set(['style', 'script', 'head', 'title', 'noscript', 'template']);
/** Inline elements: a word split by one (`Micro<b>soft</b>`) reads as one word. */
const INLINE = new Set(['a', 'b', 'i', 'u', 'em', 'strong', 'span', 'font', 'small', 'big', 'sup', 'sub']);

const NAMED: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  shy: '',
  zwnj: '',
  zwj: '',
};

const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isTagNameChar = (c: number) => isLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x3a;

function codePoint(n: number): string {
  return Number.isFinite(n) && n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff)
    ? String.fromCodePoint(n)
    : ' ';
}

const MAX_ENTITY = 12;

/** Decodes `&name;`, `&#n;` and `&#xh;`; an entity is at most 12 characters, so each look is bounded. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  let out = '';
  let from = 0;
  let at = s.indexOf('&');
  while (at !== -1) {
    const semi = s.slice(at + 1, at + MAX_ENTITY).indexOf(';');
    let decoded: string | undefined;
    if (semi !== -1) {
      const body = s.slice(at + 1, at + 1 + semi);
      if (body.startsWith('#x') || body.startsWith('#X'))
        decoded = codePoint(Number.parseInt(body.slice(2), 16));
      else if (body.startsWith('#')) decoded = codePoint(Number.parseInt(body.slice(1), 10));
      else decoded = NAMED[body.toLowerCase()];
    }
    if (decoded !== undefined) {
      out += s.slice(from, at) + decoded;
      from = at + semi + 2;
    }
    at = s.indexOf('&', Math.max(at + 1, from));
  }
  return out + s.slice(from);
}

/** The name of the tag opening at `lt` (`<name` or `</name`), lower case, and where it ends. */
function tagName(html: string, lt: number): { name: string; closing: boolean; end: number } {
  const closing = html.charCodeAt(lt + 1) === 0x2f;
  let i = lt + (closing ? 2 : 1);
  const start = i;
  while (i < html.length && isTagNameChar(html.charCodeAt(i))) i++;
  return { name: html.slice(start, i).toLowerCase(), closing, end: i };
}

/** The text a reader sees in an HTML body, words separated as a browser would separate them. */
export function htmlToText(html: string): string {
  const lower = html.replace(/[A-Z]+/g, (m) => m.toLowerCase()); // same length: indexes carry over
  const parts: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      parts.push(decodeEntities(html.slice(i)));
      break;
    }
    parts.push(decodeEntities(html.slice(i, lt)));
    const next = html.charCodeAt(lt + 1);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    // `<` before anything but a letter, `/`, `!` or `?` is text, as in a browser.
    if (!isLetter(next) && next !== 0x2f && next !== 0x21 && next !== 0x3f) {
      parts.push('<');
      i = lt + 1;
      continue;
    }
    const tag = tagName(html, lt);
    const gt = html.indexOf('>', tag.end);
    if (gt === -1) break; // an unclosed tag runs to the end: nothing after it is shown
    i = gt + 1;
    if (!tag.closing && HIDDEN.has(tag.name)) {
      const close = lower.indexOf(`</${tag.name}`, i);
      const after = close === -1 ? -1 : html.indexOf('>', close);
      i = after === -1 ? html.length : after + 1;
    }
    if (!INLINE.has(tag.name)) parts.push(' ');
  }
  return parts.join('');
}

/** The text a reader sees: the HTML body when there is one, else the plain text. */
export async function visibleBodyText(bytes: Uint8Array): Promise<string> {
  const mail = await PostalMime.parse(bytes);
  const html = mail.html?.trim() ? mail.html : '';
  return html ? htmlToText(html) : (mail.text ?? '');
}
