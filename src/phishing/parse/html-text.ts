// Plain text from HTML, good enough to find a forwarded header block in an HTML-only forward.
// Not a renderer: scripts and styles are dropped, block elements become line breaks, a few entities decoded.
// Written as linear scans (parse/scan.ts): the tag patterns this replaces retried from every `<` of
// an unclosed tag, quadratic on a hostile body. Each pass gives what its pattern, named above it, gave.
import { asciiLower, findCloseTag, replaceDelimited, replaceEach, skipSpaces, wordEndsAt } from './scan.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The five XML entities and &nbsp;, decimal and hexadecimal references; anything else stays as written. */
export function decodeEntities(s: string): string {
  // Linear: an attempt starts only at `&` and its runs cannot cross the next `&`.
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp =
        e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Each match of `find(lower, at)` (its end, or -1) at a `<` replaced; matches do not overlap. */
function replaceAtTags(
  html: string,
  replacement: string,
  find: (lower: string, at: number) => number | 'stop',
): string {
  const lower = asciiLower(html);
  let out = '';
  let from = 0;
  for (let at = lower.indexOf('<'); at !== -1; ) {
    const end = find(lower, at);
    if (end === 'stop') break;
    if (end === -1) {
      at = lower.indexOf('<', at + 1);
      continue;
    }
    out += html.slice(from, at) + replacement;
    from = end;
    at = lower.indexOf('<', end);
  }
  return from === 0 ? html : out + html.slice(from);
}

const DROPPED = ['script', 'style', 'head'] as const;

/** `/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi` → '' */
function dropElements(html: string): string {
  // An element without a close tag after it means none later has one either: that name is done.
  const closed = new Set<string>(DROPPED);
  return replaceAtTags(html, '', (lower, at) => {
    if (closed.size === 0) return 'stop';
    const name = DROPPED.find((n) => lower.startsWith(n, at + 1));
    if (!name || !closed.has(name) || !wordEndsAt(lower, at + 1 + name.length)) return -1;
    const close = findCloseTag(lower, name, at + 1 + name.length);
    if (!close) closed.delete(name);
    return close?.end ?? -1;
  });
}

/** `/<br\s*\/?>/gi` → '\n' */
const breaks = (html: string) =>
  replaceAtTags(html, '\n', (lower, at) => {
    if (!lower.startsWith('br', at + 1)) return -1;
    let i = skipSpaces(lower, at + 3);
    if (lower[i] === '/') i++;
    return lower[i] === '>' ? i + 1 : -1;
  });

const BLOCKS = ['p', 'div', 'tr', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'blockquote'];

/** `/<\/(p|div|tr|li|h[1-6]|table|blockquote)\s*>/gi` → '\n' */
const blockEnds = (html: string) =>
  replaceAtTags(html, '\n', (lower, at) => {
    if (lower[at + 1] !== '/') return -1;
    const name = BLOCKS.find((n) => lower.startsWith(n, at + 2));
    if (!name) return -1;
    const gt = skipSpaces(lower, at + 2 + name.length);
    return lower[gt] === '>' ? gt + 1 : -1;
  });

/** `/<hr\b[^>]*>/gi` → '\n' */
const rules = (html: string) =>
  replaceAtTags(html, '\n', (lower, at) => {
    if (!lower.startsWith('hr', at + 1) || !wordEndsAt(lower, at + 3)) return -1;
    const gt = lower.indexOf('>', at + 3);
    return gt === -1 ? 'stop' : gt + 1;
  });

/** `/[ \t]+\n/g` → '\n': blanks at the end of a line. */
function trimLineEnds(text: string): string {
  let out = '';
  let from = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
    let b = nl;
    while (b > from && (text[b - 1] === ' ' || text[b - 1] === '\t')) b--;
    if (b < nl) {
      out += text.slice(from, b);
      from = nl;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

export function htmlToText(html: string): string {
  const tagless = replaceDelimited(rules(blockEnds(breaks(dropElements(html)))), '<', '>', '');
  return trimLineEnds(replaceEach(decodeEntities(tagless), /\r\n?/g, '\n'));
}
