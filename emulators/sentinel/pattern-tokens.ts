// Tokens of the STIX 2.1 patterning language (STIX 2.1 §9, "STIX Patterning"), read in one pass:
// every character is looked at a bounded number of times, so a hostile pattern costs time linear in
// its length. https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html#_e8slinrhxcc9

export type TokenKind =
  | 'word' // object types, property names, operators and keywords (AND, LIKE, WITHIN …)
  | 'string' // '…' with \\ and \' escapes
  | 'typed' // t'…', h'…', b'…'
  | 'number'
  | 'punct'; // [ ] ( ) . , : = != < <= > >= *

export interface Token {
  kind: TokenKind;
  text: string;
  at: number;
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isWordChar = (c: string) =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c === '_' || c === '-';
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** A lexing failure: where and why. */
export class LexError extends Error {
  constructor(
    readonly at: number,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * Hands out the tokens of `pattern` one at a time, so a pattern that goes wrong early costs no more
 * than its start (and a long one never sits in memory twice).
 */
export class Lexer {
  private i = 0;
  constructor(private readonly pattern: string) {}

  /** The next token, undefined at the end; throws LexError at a character that starts none. */
  next(): Token | undefined {
    const s = this.pattern;
    while (this.i < s.length && isSpace(s.charAt(this.i))) this.i += 1;
    if (this.i >= s.length) return undefined;
    const start = this.i;
    const c = s.charAt(start);
    const next = s.charAt(start + 1);
    const token = (kind: TokenKind, end: number): Token => {
      this.i = end;
      return { kind, text: s.slice(start, end), at: start };
    };
    if ((c === 't' || c === 'h' || c === 'b') && next === "'") return token('typed', stringEnd(s, start + 1));
    if (c === "'") return token('string', stringEnd(s, start));
    if (isDigit(c) || ((c === '-' || c === '+') && isDigit(next))) {
      let end = start + 1;
      while (end < s.length && (isDigit(s.charAt(end)) || s.charAt(end) === '.')) end += 1;
      return token('number', end);
    }
    if (isWordChar(c)) {
      let end = start + 1;
      while (end < s.length && isWordChar(s.charAt(end))) end += 1;
      return token('word', end);
    }
    if ((c === '!' || c === '<' || c === '>') && next === '=') return token('punct', start + 2);
    if ('[]().,:=<>*'.includes(c)) return token('punct', start + 1);
    throw new LexError(start, `unexpected character '${c}'`);
  }
}

/** Index just past the closing quote of the string opening at `open`; STIX escapes only \\ and \'. */
function stringEnd(s: string, open: number): number {
  for (let i = open + 1; i < s.length; i += 1) {
    const c = s.charAt(i);
    if (c === '\\') {
      const e = s.charAt(i + 1);
      if (e !== '\\' && e !== "'")
        throw new LexError(i, "bad escape in string (only \\\\ and \\' are allowed)");
      i += 1;
    } else if (c === "'") return i + 1;
  }
  throw new LexError(open, 'unterminated string');
}
