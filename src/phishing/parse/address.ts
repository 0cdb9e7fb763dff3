// A mail address in a line of a forwarded header block ("Name <a@b>", "a@b [mailto:a@b]", a bare
// a@b.example in text), found by linear scans. They give what two patterns gave, whose engines
// retried from every position of a run: 10 KB of `@` took twelve minutes in the second.
import { firstMailbox } from './address-list.js';
import type { MailAddress } from './types.js';
import { isAsciiLetterCode, isLineTerminatorCode, isSpaceCode } from './scan.js';

/** `[^\s<>[\]]`: a character of an address in brackets. */
const inBrackets = (c: number) => !isSpaceCode(c) && c !== 0x3c && c !== 0x3e && c !== 0x5b && c !== 0x5d;
/** `[^\s<>"(),;:]`: a character of a bare address. */
const inBare = (c: number) =>
  !isSpaceCode(c) &&
  c !== 0x3c &&
  c !== 0x3e &&
  c !== 0x22 &&
  c !== 0x28 &&
  c !== 0x29 &&
  c !== 0x2c &&
  c !== 0x3b &&
  c !== 0x3a;

/** `[^…]+@[^…]+` over a run of such characters: an `@` that is neither first nor last. */
const hasInnerAt = (run: string) => {
  const at = run.indexOf('@', 1);
  return at !== -1 && at < run.length - 1;
};

/**
 * `/^(.*?)\s*[<[](?:mailto:)?([^\s<>[\]]+@[^\s<>[\]]+)[>\]]\s*$/`: the address in the brackets that
 * end the text, and the text before them as the name (no line break in it).
 */
function bracketed(text: string): MailAddress | null {
  let end = text.length;
  while (end > 0 && isSpaceCode(text.charCodeAt(end - 1))) end--;
  const close = text.charCodeAt(end - 1);
  if (end === 0 || (close !== 0x3e && close !== 0x5d)) return null;
  let start = end - 1;
  while (start > 0 && inBrackets(text.charCodeAt(start - 1))) start--;
  const open = text.charCodeAt(start - 1);
  if (start === 0 || (open !== 0x3c && open !== 0x5b)) return null;
  const run = text.slice(start, end - 1);
  const address = run.startsWith('mailto:') && hasInnerAt(run.slice(7)) ? run.slice(7) : run;
  if (!hasInnerAt(address)) return null;
  let nameEnd = start - 1;
  while (nameEnd > 0 && isSpaceCode(text.charCodeAt(nameEnd - 1))) nameEnd--;
  for (let i = 0; i < nameEnd; i++) if (isLineTerminatorCode(text.charCodeAt(i))) return null;
  return { name: text.slice(0, nameEnd).replace(/^"|"$/g, '').trim(), address };
}

/**
 * `/([^\s<>"(),;:]+@[^\s<>"(),;:]+\.[A-Za-z]{2,})/`, the first match: in the first run of address
 * characters that holds one, from the run's start through the last `.` followed by two letters (and
 * the letters after it), taking the last `@` before that dot.
 */
function bare(text: string): string | null {
  for (let start = 0; start < text.length; ) {
    if (!inBare(text.charCodeAt(start))) {
      start++;
      continue;
    }
    let end = start;
    while (end < text.length && inBare(text.charCodeAt(end))) end++;
    let dot = end - 3;
    while (
      dot > start &&
      !(
        text.charCodeAt(dot) === 0x2e &&
        isAsciiLetterCode(text.charCodeAt(dot + 1)) &&
        isAsciiLetterCode(text.charCodeAt(dot + 2))
      )
    )
      dot--;
    let at = dot - 2;
    while (at > start && text.charCodeAt(at) !== 0x40) at--;
    if (dot > start && at > start) {
      let letters = dot + 1;
      while (letters < end && isAsciiLetterCode(text.charCodeAt(letters))) letters++;
      return text.slice(start, letters);
    }
    start = end;
  }
  return null;
}

export function parseAddress(text: string): MailAddress | null {
  const inBrackets = bracketed(text);
  if (inBrackets) {
    // A line of several mailboxes ("A" <a@x>, "B" <b@y>) names the sender first, as clients show it.
    const first = text.includes('<') ? firstMailbox(text) : null;
    return first && first.address !== inBrackets.address ? first : inBrackets;
  }
  const address = bare(text);
  if (address === null) return null;
  return {
    name: text
      .replace(address, '')
      .replace(/[<>"()]/g, '')
      .trim(),
    address,
  };
}
