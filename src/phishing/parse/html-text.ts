// HTML read the way a mail client shows it: the visible text and every element that navigates.
// One pass of htmlparser2's Tokenizer, which is linear and forgiving of broken markup. Its Parser is
// not used: it keeps open elements with Array.unshift and searches them on every close tag, quadratic
// on a body of a million unclosed tags (1 MB of `<b>` took 84 s). The few element relations needed
// here (inside a script, inside a link) are tracked with bounded state instead.
// What the links mean (base, protocol-relative hrefs, refresh and script targets) is read in
// analyze/html/; this file only collects what the markup says.
import { Tokenizer } from 'htmlparser2';
import { asciiLower, replaceEach } from './scan.js';

export type NavigationKind = 'a' | 'area' | 'vml' | 'form' | 'refresh';

/** An element that takes the reader somewhere, as written: entities decoded, nothing resolved. */
export interface HtmlNavigation {
  kind: NavigationKind;
  /** href, form action, or a refresh's whole `content` attribute. */
  href: string;
  /** The text the reader sees for it: inside a/v:*, alt of area; '' for form and refresh. */
  text: string;
}

/** Read-only: readHtml hands the same reading to every caller of one body. */
export interface HtmlReading {
  readonly text: string;
  readonly navigation: readonly HtmlNavigation[];
  /** The first `<base href>`, which every relative link of the document is resolved against. */
  readonly base: string | null;
  /** Text of the `<script>` elements, for the URLs they navigate to. */
  readonly scripts: readonly string[];
  /**
   * Text of the `<style>` elements. A browser shows none of it, but it holds the images a page loads,
   * and an unclosed `<style>` is a way to hide a whole second document from what is shown.
   */
  readonly styles: readonly string[];
}

// Bounds on what one document can make us keep; the input bounds the work.
const MAX_ATTRIBUTE = 16 * 1024;
const MAX_LINK_TEXT = 1024;
const MAX_NAVIGATION = 10_000;
/** Links open inside each other at once (nested VML shapes); deeper ones get no text. */
const MAX_OPEN_LINKS = 32;

const SKIPPED = new Set(['script', 'style', 'title']);
const BLOCKS = new Set(
  'p div tr li ul ol dl dt dd h1 h2 h3 h4 h5 h6 table tbody thead tfoot blockquote section article header footer nav aside main form fieldset figure figcaption address center pre hr'.split(
    ' ',
  ),
);
const CELLS = new Set(['td', 'th']);
const WANTED = new Set(['href', 'xlink:href', 'action', 'http-equiv', 'content', 'alt']);
const ENDIF = '<![endif]';
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

interface OpenLink {
  tag: string;
  entry: HtmlNavigation;
  raw: string;
}

/** The Tokenizer's callbacks: offsets into `buf`, turned into text, links and scripts. */
class Reader {
  buf = '';
  readonly chunks: string[] = [];
  readonly navigation: HtmlNavigation[] = [];
  readonly scripts: string[] = [];
  readonly styles: string[] = [];
  base: string | null = null;
  private last = '\n';
  private tag = '';
  private attrs = new Map<string, string>();
  private attr: string | null = null;
  private value = '';
  private skipping: string | null = null;
  private raw = '';
  private pre = 0;
  /** Inside a textarea, whose text the Tokenizer passes with its entities still encoded. */
  private textarea = false;
  private open: OpenLink[] = [];
  private nested = false;

  private emit(s: string): void {
    if (!s) return;
    this.chunks.push(s);
    this.last = s[s.length - 1] ?? this.last;
  }

  private boundary(): void {
    if (this.last !== '\n') this.emit('\n');
  }

  private visible(raw: string): void {
    for (const l of this.open) if (l.raw.length < MAX_LINK_TEXT) l.raw += raw.slice(0, MAX_LINK_TEXT);
    if (this.pre > 0) {
      this.emit(raw);
      return;
    }
    // Runs of blanks show as one space, and none at the start of a line.
    let s = replaceEach(raw, /[ \t\n\r\f\u00a0]+/g, ' ');
    if (s[0] === ' ' && (this.last === ' ' || this.last === '\n')) s = s.slice(1);
    this.emit(s);
  }

  ontext(start: number, end: number): void {
    const s = this.buf.slice(start, end);
    if (!this.skipping) this.visible(this.textarea ? decodeEntities(s) : s);
    else if (this.skipping !== 'title') this.raw += s;
  }
  ontextentity(cp: number): void {
    if (!this.skipping) this.visible(String.fromCodePoint(cp));
  }

  onopentagname(start: number, end: number): void {
    // A name past 64 characters is no element this reader looks for.
    this.tag = end - start > 64 ? '' : asciiLower(this.buf.slice(start, end));
    this.attrs = new Map();
  }
  onattribname(start: number, end: number): void {
    const name = end - start > 16 ? '' : asciiLower(this.buf.slice(start, end));
    // The first of a repeated attribute counts, as in a browser.
    this.attr = WANTED.has(name) && !this.attrs.has(name) ? name : null;
    this.value = '';
  }
  onattribdata(start: number, end: number): void {
    if (this.attr && this.value.length < MAX_ATTRIBUTE)
      this.value += this.buf.slice(start, Math.min(end, start + MAX_ATTRIBUTE));
  }
  onattribentity(cp: number): void {
    if (this.attr && this.value.length < MAX_ATTRIBUTE) this.value += String.fromCodePoint(cp);
  }
  onattribend(): void {
    if (this.attr) this.attrs.set(this.attr, this.value.slice(0, MAX_ATTRIBUTE));
    this.attr = null;
  }
  onopentagend(): void {
    this.element(false);
  }
  onselfclosingtag(): void {
    this.element(true);
  }

  private add(kind: NavigationKind, href: string | undefined, text = ''): HtmlNavigation | null {
    if (!href?.trim() || this.navigation.length >= MAX_NAVIGATION) return null;
    const entry = { kind, href, text };
    this.navigation.push(entry);
    return entry;
  }

  private element(selfClosing: boolean): void {
    const { tag, attrs } = this;
    if (SKIPPED.has(tag)) {
      if (!selfClosing) this.skipping = tag;
      return;
    }
    if (BLOCKS.has(tag)) this.boundary();
    else if (CELLS.has(tag) && this.last !== ' ' && this.last !== '\n') this.emit(' ');
    if (tag === 'br') this.emit('\n');
    else if (tag === 'pre' && !selfClosing) this.pre++;
    else if (tag === 'textarea') this.textarea = !selfClosing;
    else if (tag === 'base') this.base ??= attrs.get('href') ?? null;
    else if (tag === 'area') this.add('area', attrs.get('href'), attrs.get('alt') ?? '');
    else if (tag === 'form') this.add('form', attrs.get('action'));
    else if (tag === 'meta' && asciiLower(attrs.get('http-equiv')?.trim() ?? '') === 'refresh')
      this.add('refresh', attrs.get('content'));
    else if (tag === 'a' || tag.startsWith('v:')) {
      // A new <a> ends any still open, as in a browser: an unclosed link must not swallow the next.
      if (tag === 'a') this.closeLinks('a');
      const entry = this.add(tag === 'a' ? 'a' : 'vml', attrs.get('href') ?? attrs.get('xlink:href'));
      if (entry && !selfClosing && this.open.length < MAX_OPEN_LINKS) this.open.push({ tag, entry, raw: '' });
    }
  }

  onclosetag(start: number, end: number): void {
    const tag = end - start > 64 ? '' : asciiLower(this.buf.slice(start, end));
    if (this.skipping) {
      if (tag !== this.skipping) return;
      this.endRaw();
      return;
    }
    if (BLOCKS.has(tag)) this.boundary();
    if (tag === 'pre' && this.pre > 0) this.pre--;
    if (tag === 'textarea') this.textarea = false;
    if (tag === 'a' || tag.startsWith('v:')) this.closeLinks(tag);
  }

  /** Closes the innermost open link of this tag and every link opened inside it. */
  private closeLinks(tag: string): void {
    const at = this.open.findLastIndex((l) => l.tag === tag);
    if (at !== -1) this.closeFrom(at);
  }

  private closeFrom(at: number): void {
    for (const l of this.open.splice(at)) l.entry.text = replaceEach(l.raw, /\s+/g, ' ').trim();
  }

  private endRaw(): void {
    if (this.raw) (this.skipping === 'script' ? this.scripts : this.styles).push(this.raw);
    this.skipping = null;
    this.raw = '';
  }

  oncomment(start: number, end: number, endOffset: number): void {
    // Outlook's conditional comments (`<!--[if mso]> … <![endif]-->`) hold its VML buttons: read
    // what they hold, once (a comment inside is not read again, so each byte is read at most twice).
    if (this.nested || !this.buf.startsWith('[if', start)) return;
    const data = this.buf.slice(start, end - endOffset);
    const open = data.indexOf(']>');
    if (open === -1) return;
    const { buf, skipping } = this;
    this.nested = true;
    this.buf = data.slice(open + 2, data.endsWith(ENDIF) ? -ENDIF.length : undefined);
    tokenize(this);
    this.buf = buf;
    this.skipping = skipping;
    this.nested = false;
  }

  oncdata(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}

  finish(): HtmlReading {
    this.closeFrom(0);
    this.endRaw();
    const text = replaceEach(this.chunks.join(''), /\r\n?/g, '\n');
    const { navigation, base, scripts, styles } = this;
    return { text: trimLineEnds(text), navigation, base, scripts, styles };
  }
}

function tokenize(reader: Reader): void {
  const t = new Tokenizer({ decodeEntities: true }, reader);
  t.write(reader.buf);
  t.end();
}

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
  return (from === 0 ? text : out + text.slice(from)).trim();
}

/**
 * The last body read: one analysis asks for the same HTML's text, links and URLs from several places,
 * and a 1 MB body is tokenised once instead of four times. Callers treat the reading as read-only.
 */
let last: { html: string; reading: HtmlReading } | undefined;

export function readHtml(html: string): HtmlReading {
  if (last?.html === html) return last.reading;
  const reader = new Reader();
  reader.buf = html;
  tokenize(reader);
  const reading = reader.finish();
  last = { html, reading };
  return reading;
}

/** Plain text of an HTML body, good enough to find a forwarded header block in an HTML-only forward. */
export function htmlToText(html: string): string {
  return html ? readHtml(html).text : '';
}
