// E-mail addresses in text, found by a linear scan from each `@`. It gives what the pattern
// /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi gave, whose engine tried every start of a
// run of letters and failed at its end: 200 KB of letters without spaces took 21 s.
import { isAsciiLetterCode } from '../parse/scan.js';
import { refang } from './refang.js';

/** `[a-z0-9-]` with the `i` flag. */
const isLabelCode = (c: number) => isAsciiLetterCode(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
/** `[a-z0-9._%+-]` with the `i` flag. */
const isLocalCode = (c: number) => isLabelCode(c) || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b;

/**
 * Where the domain part starting at `from` ends, or -1: labels of `[a-z0-9-]` joined by single dots;
 * the match ends after the letters that begin the last label (but the first) starting with two or more.
 */
function domainEnd(s: string, from: number): number {
  let i = from;
  while (i < s.length && isLabelCode(s.charCodeAt(i))) i++;
  if (i === from) return -1;
  let end = -1;
  // Each further label: the longest run of letters it starts with decides whether the address may end in it.
  while (s.charCodeAt(i) === 0x2e && i + 1 < s.length && isLabelCode(s.charCodeAt(i + 1))) {
    const start = i + 1;
    let letters = start;
    while (letters < s.length && isAsciiLetterCode(s.charCodeAt(letters))) letters++;
    if (letters - start >= 2) end = letters;
    i = letters;
    while (i < s.length && isLabelCode(s.charCodeAt(i))) i++;
  }
  return end;
}

/** Addresses in `text` (refanged first), lower-cased, in order, repeats kept. */
export function emailsIn(text: string): string[] {
  const s = refang(text);
  const out: string[] = [];
  // A match starts no earlier than the end of the one before; its local part ends at its `@`.
  let from = 0;
  for (let at = s.indexOf('@'); at !== -1; ) {
    let start = at;
    while (start > from && isLocalCode(s.charCodeAt(start - 1))) start--;
    const end = start < at ? domainEnd(s, at + 1) : -1;
    if (end === -1) {
      at = s.indexOf('@', at + 1);
      continue;
    }
    // Every address ends in a letter, so none has the trailing dot of a sentence.
    out.push(s.slice(start, end).toLowerCase());
    from = end;
    at = s.indexOf('@', end);
  }
  return out;
}
