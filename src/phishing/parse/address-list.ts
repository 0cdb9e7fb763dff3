// The mailboxes of a From, Sender or Reply-To header as mail clients display them, however broken the
// header is. Phish write display names with unquoted commas (`Brand team ,_<x@y.example>`,
// `Offres, <news@z.example>`), stray quotes, comments around the address or bracketed junk; a strict
// RFC 5322 parser splits those at the comma and hands back a mailbox without an address, which blinds
// every check that needs the sender. Outlook and Gmail show the address in the angle brackets and the
// text before them as the name, so this does the same.
//
// One pass over the header: a comma or semicolon ends a mailbox only when what came before it holds a
// real address; text without one belongs to the next mailbox's name. Quoted strings and `<…>` pairs
// hide commas. No regular expression runs over the raw header, and each character is visited a bounded
// number of times, so a megabyte of `<<<` or `"""` costs what a megabyte of letters does.
import { decodeWords } from 'postal-mime';
import { isSpaceCode } from './scan.js';
import type { MailAddress } from './types.js';

interface Span {
  start: number;
  end: number;
}

/** A stretch of the header up to a top-level separator, with its `<…>` pairs. */
interface Segment extends Span {
  brackets: Span[];
}

const LT = 0x3c;
const GT = 0x3e;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;

/**
 * `local@domain` with both sides present. In angle brackets anything else goes, as clients show it
 * (`<noreply@brand,example,com>`, `<a@customer support.example>`); a bare one is a run without blanks
 * or separators, which its caller has already cut.
 */
function realAddress(text: string): string | null {
  let s = text.trim();
  if (s.toLowerCase().startsWith('mailto:')) s = s.slice(7).trim();
  if (s.length > 1 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1).trim();
  const at = s.lastIndexOf('@');
  return at <= 0 || at === s.length - 1 ? null : s;
}

/**
 * Cuts the header into segments at top-level commas and semicolons, one at a time (the first mailbox
 * of a megabyte of them is found without reading the rest). The index of the next `>` and
 * whether any closing quote is left are remembered, so no `<` or `"` scans the rest of the header twice.
 */
function* segments(v: string): Generator<Segment> {
  let current: Segment = { start: 0, end: 0, brackets: [] };
  let nextGt = -1; // index of the next `>` at or after the scan position; -2 when none is left
  let quotesClose = true; // false once an opening quote found no partner: none after it can close
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === LT) {
      if (nextGt !== -2 && nextGt < i) nextGt = v.indexOf('>', i);
      if (nextGt === -1) nextGt = -2;
      if (nextGt < 0) continue;
      // `<<a@b>`: the inner `<` opens the pair, the outer one is text.
      const inner = v.lastIndexOf('<', nextGt);
      current.brackets.push({ start: inner, end: nextGt + 1 });
      i = nextGt;
    } else if (c === QUOTE && quotesClose) {
      let j = i + 1;
      while (j < v.length && v.charCodeAt(j) !== QUOTE) j += v.charCodeAt(j) === BACKSLASH ? 2 : 1;
      if (j >= v.length) quotesClose = false;
      else i = j;
    } else if (c === COMMA || c === SEMICOLON) {
      current.end = i;
      yield current;
      current = { start: i + 1, end: 0, brackets: [] };
    }
  }
  current.end = v.length;
  yield current;
}

const isSeparator = (ch: string | undefined) => ch === ',' || ch === ';' || ch === ' ';

/**
 * Longer display names are cut to this many characters before they are cleaned: no client shows more,
 * and a megabyte of name would otherwise be copied and decoded for nothing.
 */
export const MAX_NAME_CHARS = 1024;

/** Quotes dropped (their escapes undone), encoded words decoded, blanks collapsed, separators trimmed. */
function displayName(whole: string): string {
  const raw = whole.length > MAX_NAME_CHARS ? whole.slice(0, MAX_NAME_CHARS) : whole;
  let text = '';
  for (let i = 0; i < raw.length; ) {
    const quote = raw.indexOf('"', i);
    if (quote === -1) {
      text += raw.slice(i);
      break;
    }
    text += raw.slice(i, quote);
    // A quoted string gives its content; an unclosed one runs to the end, its quote dropped.
    let j = quote + 1;
    while (j < raw.length && raw.charCodeAt(j) !== QUOTE) {
      if (raw.charCodeAt(j) === BACKSLASH && j + 1 < raw.length) j++;
      text += raw[j];
      j++;
    }
    i = j + 1;
  }
  const words = decodeWords(text).split(/\s+/);
  let name = words.join(' ').trim();
  let begin = 0;
  let end = name.length;
  while (begin < end && isSeparator(name[begin])) begin++;
  while (end > begin && isSeparator(name[end - 1])) end--;
  name = name.slice(begin, end);
  if (name.startsWith('(') && name.endsWith(')') && name.indexOf(')') === name.length - 1)
    name = name.slice(1, -1).trim();
  return name;
}

/** What ends a bare address. */
const endsBare = (c: number) =>
  isSpaceCode(c) ||
  c === LT ||
  c === GT ||
  c === QUOTE ||
  c === 0x28 ||
  c === 0x29 ||
  c === COMMA ||
  c === SEMICOLON;

/**
 * The first bare `local@domain` in a segment outside quoted strings: a run of characters that are not
 * blanks, brackets, quotes, parentheses or separators, holding an inner `@`.
 */
function bareIn(v: string, seg: Span): Span | null {
  let quotesClose = true;
  for (let i = seg.start; i < seg.end; ) {
    const c = v.charCodeAt(i);
    if (c === QUOTE && quotesClose) {
      let close = i + 1;
      while (close < seg.end && v.charCodeAt(close) !== QUOTE) close++;
      if (close >= seg.end) quotesClose = false;
      else i = close;
    }
    if (endsBare(c)) {
      i++;
      continue;
    }
    let j = i;
    while (j < seg.end && !endsBare(v.charCodeAt(j))) j++;
    if (realAddress(v.slice(i, j))) return { start: i, end: j };
    i = j;
  }
  return null;
}

/** The mailbox of a segment, its name starting at `start` (earlier segments without an address). */
function mailboxOf(v: string, start: number, seg: Segment): MailAddress | null {
  for (let k = seg.brackets.length - 1; k >= 0; k--) {
    const b = seg.brackets[k] as Span;
    let at = b.start + 1;
    while (at < b.end && v.charCodeAt(at) !== 0x40) at++;
    if (at === b.end) continue;
    const address = realAddress(v.slice(b.start + 1, b.end - 1));
    if (address) return { name: displayName(v.slice(start, b.start)), address };
  }
  const bare = bareIn(v, seg);
  if (!bare) return null;
  const address = realAddress(v.slice(bare.start, bare.end)) as string;
  const rest = `${v.slice(start, bare.start)} ${v.slice(bare.end, seg.end)}`;
  return { name: displayName(rest.replace(/[<>]/g, ' ')), address };
}

function parseList(v: string, limit: number): MailAddress[] {
  const out: MailAddress[] = [];
  let start = -1;
  for (const seg of segments(v)) {
    if (start === -1) start = seg.start;
    const box = mailboxOf(v, start, seg);
    if (!box) continue;
    out.push(box);
    start = -1;
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Every mailbox of an address header, in order; text without an address joins the next mailbox's
 * name. A header whose only address hides in encoded words (`=?utf-8?B?…?=` of `Name <a@b>`) is read
 * again decoded.
 */
export function mailboxList(value: string, limit = Number.POSITIVE_INFINITY): MailAddress[] {
  const found = parseList(value, limit);
  if (found.length > 0 || !value.includes('=?')) return found;
  const decoded = decodeWords(value);
  return decoded === value ? found : parseList(decoded, limit);
}

/** The mailbox a mail client shows for a From or Sender header: the first real one, or null. */
export function firstMailbox(value: string): MailAddress | null {
  return mailboxList(value, 1)[0] ?? null;
}
