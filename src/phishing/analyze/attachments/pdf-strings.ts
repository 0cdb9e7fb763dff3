// PDF string objects decoded (ISO 32000-1 §7.3.4): literal `( … )` strings with their escapes and
// balanced parentheses, and hexadecimal `< … >` strings. Each reader returns where the string ended,
// so the caller continues after it and an unclosed string is read once, to the end of the text.

/** Longest decoded string kept; the rest of a longer one is still read past, not kept. */
export const MAX_STRING_CHARS = 16 * 1024;

export interface PdfString {
  /** Decoded bytes as latin1 characters (one per byte), at most MAX_STRING_CHARS. */
  value: string;
  /** Index just past the closing delimiter, or the text's length when it never closed. */
  end: number;
}

const isOctal = (c: number) => c >= 0x30 && c <= 0x37;
const ESCAPES: Record<number, string> = {
  110: '\n',
  114: '\r',
  116: '\t',
  98: '\b',
  102: '\f',
  40: '(',
  41: ')',
  92: '\\',
};

/** The literal string whose `(` is at `open`. */
export function readLiteralString(text: string, open: number): PdfString {
  const out: string[] = [];
  let kept = 0;
  const keep = (s: string) => {
    if (kept < MAX_STRING_CHARS) out.push(s);
    kept += s.length;
  };
  let depth = 1;
  let i = open + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      const n = text.charCodeAt(i + 1);
      if (Number.isNaN(n)) {
        i++;
        break;
      }
      const known = ESCAPES[n];
      if (known !== undefined) {
        keep(known);
        i += 2;
      } else if (isOctal(n)) {
        let v = 0;
        let j = i + 1;
        for (; j < i + 4 && j < text.length && isOctal(text.charCodeAt(j)); j++)
          v = v * 8 + (text.charCodeAt(j) - 0x30);
        keep(String.fromCharCode(v & 0xff));
        i = j;
      } else if (n === 0x0d) {
        // A backslash before an end of line continues the string on the next line.
        i += text.charCodeAt(i + 2) === 0x0a ? 3 : 2;
      } else if (n === 0x0a) {
        i += 2;
      } else {
        // An unknown escape: the backslash is dropped, the character kept.
        keep(text[i + 1] as string);
        i += 2;
      }
      continue;
    }
    if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0)
      return { value: out.join('').slice(0, MAX_STRING_CHARS), end: i + 1 };
    keep(text[i] as string);
    i++;
  }
  return { value: out.join('').slice(0, MAX_STRING_CHARS), end: text.length };
}

const hexValue = (c: number): number => {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
};

/** The hexadecimal string whose `<` is at `open` (not a `<<` dictionary). White space is ignored. */
export function readHexString(text: string, open: number): PdfString {
  const out: string[] = [];
  let high = -1;
  let i = open + 1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3e) break;
    const v = hexValue(c);
    if (v < 0) continue;
    if (high < 0) high = v;
    else {
      if (out.length < MAX_STRING_CHARS) out.push(String.fromCharCode(high * 16 + v));
      high = -1;
    }
  }
  // An odd last digit is followed by an implied 0.
  if (high >= 0 && out.length < MAX_STRING_CHARS) out.push(String.fromCharCode(high * 16));
  return { value: out.join(''), end: Math.min(i + 1, text.length) };
}

const UTF16BE = new TextDecoder('utf-16be');

/** A text string as its characters: UTF-16BE after its byte-order mark, else one character per byte. */
export function textOfPdfString(bytes: string): string {
  if (bytes.charCodeAt(0) === 0xfe && bytes.charCodeAt(1) === 0xff) {
    return UTF16BE.decode(Buffer.from(bytes.slice(2), 'latin1'));
  }
  if (bytes.charCodeAt(0) === 0xef && bytes.charCodeAt(1) === 0xbb && bytes.charCodeAt(2) === 0xbf)
    return Buffer.from(bytes.slice(3), 'latin1').toString('utf8');
  return bytes;
}
