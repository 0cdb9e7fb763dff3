// Linear scanning of mail text: the building blocks that replace regular expressions whose engine
// would retry a failing match from every position (quadratic on 1 MB of `<<<` or `(((`). Each helper
// gives exactly what the pattern named in its comment gave, in one pass.

/**
 * `text.replace(pattern, to)` for a global pattern and a fixed replacement, through a replacer
 * function: V8's path for a replacement string slows down with the number of matches (about ×40 from
 * 100 KB to 1 MB of `a.co ` where linear is ×10); the function's path stays linear. `to` is taken
 * literally (no `$1`).
 */
export const replaceEach = (text: string, pattern: RegExp, to: string): string =>
  text.replace(pattern, () => to);

/** What `\s` matches in a JavaScript regular expression: white space and line terminators. */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** What `.` does not match (without the `s` flag): the line terminators. */
export const isLineTerminatorCode = (c: number): boolean =>
  c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;

/** `[A-Za-z]`. */
export const isAsciiLetterCode = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** `\w`: what a `\b` boundary separates from everything else. */
export const isWordCode = (c: number): boolean =>
  isAsciiLetterCode(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

/**
 * A–Z lowered, nothing else: the same length as the input, so an index found in it is an index of the
 * input. The `i` flag (without `u`) folds nothing but ASCII onto ASCII letters, so a search in this
 * copy matches what such a pattern matched.
 */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** The index of the first character at or after `from` that is not `\s`. */
export function skipSpaces(s: string, from: number): number {
  let i = from;
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
  return i;
}

/** `\b` right before index `i` after a word character: the next character is none or not `\w`. */
export const wordEndsAt = (s: string, i: number): boolean => i >= s.length || !isWordCode(s.charCodeAt(i));

/**
 * `text.replace(/O[^C]*C/g, replacement)` for single characters O and C: each O up to the next C is
 * replaced. Once an O has no C after it, no later O has one either, and the rest stays as it is.
 */
export function replaceDelimited(text: string, open: string, close: string, replacement: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const start = text.indexOf(open, from);
    if (start === -1) break;
    const end = text.indexOf(close, start + 1);
    if (end === -1) break;
    out += text.slice(from, start) + replacement;
    from = end + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * The first `</name\s*>` (name in lower case; `lower` is asciiLower of the text) at or after `from`:
 * where it starts and ends, or null. It is the close tag a lazy `[\s\S]*?<\/name\s*>` stops at.
 */
export function findCloseTag(
  lower: string,
  name: string,
  from: number,
): { start: number; end: number } | null {
  const open = `</${name}`;
  for (let at = lower.indexOf(open, from); at !== -1; at = lower.indexOf(open, at + 1)) {
    const gt = skipSpaces(lower, at + open.length);
    if (lower.charCodeAt(gt) === 0x3e) return { start: at, end: gt + 1 };
  }
  return null;
}
