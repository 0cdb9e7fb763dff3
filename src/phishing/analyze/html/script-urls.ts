// URLs a script navigates to when they are written out as string literals: `location = "…"`,
// `location.href = '…'`, `location.replace("…")`, `location.assign(…)`, `window.open("…")`. The
// classic HTML/SVG attachment of a credential phish sends its reader on this way. Obfuscated targets
// (atob, unescape, string arithmetic) are not decoded; only absolute http(s) and `//` literals count.
import { isSpaceCode } from '../../parse/scan.js';

const QUOTES = ['"', "'", '`'];

/** Where each keyword is followed, after spaces and the named steps, by a string literal. */
export function scriptUrls(script: string): string[] {
  const out: string[] = [];
  // A quote without a closing one after some position has none after any later position either.
  const noClose = new Set<string>();
  const skipSpaces = (i: number) => {
    while (i < script.length && isSpaceCode(script.charCodeAt(i))) i++;
    return i;
  };
  /** The index after `word` (spaces allowed before it) at `i`, or -1. */
  const expect = (i: number, word: string) => {
    const at = skipSpaces(i);
    return script.startsWith(word, at) ? at + word.length : -1;
  };
  /** Each step: `location` then `.href =`, `=`, `.replace(`, `.assign(`; `open` then `(`. */
  const afterCall = (i: number): number => {
    for (const p of ['.href', '.replace', '.assign']) {
      const j = expect(i, p);
      if (j !== -1) return p === '.href' ? afterAssign(j) : expect(j, '(');
    }
    return afterAssign(i);
  };
  const afterAssign = (i: number) => {
    const j = expect(i, '=');
    return j !== -1 && script[j] !== '=' ? j : -1;
  };
  let from = 0;
  // Each keyword's next place is searched again only once it is passed: searching both from every
  // place of one would read a script of a million `location`s without an `open` a million times.
  let loc = -2;
  let open = -2;
  for (;;) {
    if (loc !== -1 && loc < from) loc = script.indexOf('location', from);
    if (open !== -1 && open < from) open = script.indexOf('open', from);
    const at = loc === -1 ? open : open === -1 ? loc : Math.min(loc, open);
    if (at === -1) break;
    const after = at === loc ? afterCall(at + 8) : expect(at + 4, '(');
    const start = after === -1 ? -1 : skipSpaces(after);
    const quote = start === -1 ? undefined : script[start];
    from = at + 1;
    if (quote === undefined || !QUOTES.includes(quote) || noClose.has(quote)) continue;
    const end = script.indexOf(quote, start + 1);
    if (end === -1) {
      noClose.add(quote);
      continue;
    }
    const literal = script.slice(start + 1, end).trim();
    if (/^(?:https?:)?\/\//i.test(literal)) out.push(literal);
    from = end + 1;
  }
  return out;
}
