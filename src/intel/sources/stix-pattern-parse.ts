// Reading a STIX 2.1 indicator pattern (STIX 2.1 §9, patterning grammar) into the single
// comparisons the sinks can hold. Hand-written scanner and recursive-descent parser over the
// characters: every character is looked at a bounded number of times, nesting is capped, so a
// hostile pattern fails fast with a reason instead of blocking the event loop or the stack.
//
// What it accepts as indicators: observation expressions `[path = 'value']` joined by OR, inside
// and between the brackets. Qualifiers (WITHIN, REPEATS, START/STOP) are read and ignored. Anything
// else that parses (AND, FOLLOWEDBY, !=, >, IN, LIKE, MATCHES, NOT, EXISTS…) is `unsupported`: the
// sinks match one value per indicator, and Sentinel mis-reads compound patterns (reference §0.5).
import type { IndicatorType } from '../model/types.js';

export interface Comparison {
  /** The object path as the pattern wrote it, quoting normalised (`file:hashes.'SHA-256'`). */
  path: string;
  /** The canonical type the path names, or undefined when no sink has a place for it. */
  type: IndicatorType | undefined;
  /** The literal, unescaped (numbers and booleans as written). */
  value: string;
}

export type PatternResult =
  | { ok: true; comparisons: Comparison[] }
  | { ok: false; kind: 'malformed' | 'unsupported'; detail: string };

export interface PatternLimits {
  /** Longer patterns are refused unread (default 64 KiB). */
  maxLength?: number;
  /** More OR-joined comparisons than this are refused (default 1,000). */
  maxComparisons?: number;
  /** Parentheses and brackets nested deeper than this are refused (default 32). */
  maxDepth?: number;
}

const HASHES: Readonly<Record<string, IndicatorType>> = { MD5: 'md5', SHA1: 'sha1', SHA256: 'sha256' };
const PATHS: Readonly<Record<string, IndicatorType>> = {
  'ipv4-addr:value': 'ipv4',
  'ipv6-addr:value': 'ipv6',
  'domain-name:value': 'domain',
  'url:value': 'url',
  'email-addr:value': 'email',
  'email-message:from_ref.value': 'email',
  'file:name': 'file-name',
};

/** The canonical type of an object path (split into its components, unquoted) and its value. */
export function typeOfPath(
  objectType: string,
  props: readonly string[],
  value: string,
): IndicatorType | undefined {
  if (objectType === 'file' && props.length === 2 && props[0] === 'hashes')
    // The vocabulary spells SHA-256; MISP and Sentinel also write SHA256 and sha256.
    return HASHES[(props[1] as string).toUpperCase().replaceAll('-', '')];
  const type = PATHS[`${objectType}:${props.join('.')}`];
  if ((type === 'ipv4' || type === 'ipv6') && value.includes('/')) return 'cidr';
  return type;
}

class Fail extends Error {
  constructor(
    readonly kind: 'malformed' | 'unsupported',
    detail: string,
  ) {
    super(detail);
  }
}

const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdentPart = (c: number) => isIdentStart(c) || isDigit(c) || c === 45;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

const EQUALS = new Set(['=', '==']);
const COMPARE_OPS = ['==', '!=', '<>', '<=', '>=', '=', '<', '>'];
const WORD_OPS = new Set(['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);

class Parser {
  #i = 0;
  #depth = 0;
  /** Why the pattern, if it parses, is not an OR of equalities; the first reason wins. */
  #unsupported: string | undefined;
  readonly out: Comparison[] = [];

  constructor(
    private readonly s: string,
    private readonly maxComparisons: number,
    private readonly maxDepth: number,
  ) {}

  parse(): void {
    this.#observations();
    this.#skip();
    if (this.#i < this.s.length) this.#malformed('unexpected text after the pattern');
    if (this.#unsupported !== undefined) throw new Fail('unsupported', this.#unsupported);
  }

  #malformed(why: string): never {
    throw new Fail('malformed', `${why} at offset ${this.#i}`);
  }

  #unsupportedBy(why: string): void {
    this.#unsupported ??= why;
  }

  #skip(): void {
    while (this.#i < this.s.length && isSpace(this.s.charCodeAt(this.#i))) this.#i++;
  }

  #peek(): number {
    this.#skip();
    return this.#i < this.s.length ? this.s.charCodeAt(this.#i) : -1;
  }

  #expect(ch: string): void {
    if (this.#peek() !== ch.charCodeAt(0)) this.#malformed(`expected ${ch}`);
    this.#i++;
  }

  /** The next word (letters, digits, _ and -) without consuming it, upper-cased; '' when none. */
  #word(): string {
    this.#skip();
    let j = this.#i;
    if (j >= this.s.length || !isIdentStart(this.s.charCodeAt(j))) return '';
    while (j < this.s.length && isIdentPart(this.s.charCodeAt(j))) j++;
    return this.s.slice(this.#i, j).toUpperCase();
  }

  #takeWord(): string {
    const w = this.#word();
    this.#i += w.length;
    return w;
  }

  #enter(): void {
    if (++this.#depth > this.maxDepth) this.#malformed(`nested deeper than ${this.maxDepth}`);
  }

  /** observations := obsOr (FOLLOWEDBY obsOr)* ; obsOr := obsAnd (OR obsAnd)* ; obsAnd := obs (AND obs)* */
  #observations(): void {
    this.#observationOr();
    while (this.#word() === 'FOLLOWEDBY') {
      this.#takeWord();
      this.#unsupportedBy('FOLLOWEDBY joins observations in sequence');
      this.#observationOr();
    }
  }

  #observationOr(): void {
    this.#observationAnd();
    while (this.#word() === 'OR') {
      this.#takeWord();
      this.#observationAnd();
    }
  }

  #observationAnd(): void {
    this.#observation();
    while (this.#word() === 'AND') {
      this.#takeWord();
      this.#unsupportedBy('AND joins observations (a compound indicator)');
      this.#observation();
    }
  }

  /** obs := ('[' comparisons ']' | '(' observations ')') qualifier* */
  #observation(): void {
    const c = this.#peek();
    this.#enter();
    if (c === 91) {
      this.#i++;
      this.#comparisonOr();
      this.#expect(']');
    } else if (c === 40) {
      this.#i++;
      this.#observations();
      this.#expect(')');
    } else this.#malformed('expected [ or (');
    this.#depth--;
    this.#qualifiers();
  }

  /** WITHIN n SECONDS, REPEATS n TIMES, START t'…' STOP t'…': read and ignored. */
  #qualifiers(): void {
    for (;;) {
      const w = this.#word();
      if (w === 'WITHIN') {
        this.#takeWord();
        this.#number();
        if (this.#takeWord() !== 'SECONDS') this.#malformed('expected SECONDS');
      } else if (w === 'REPEATS') {
        this.#takeWord();
        this.#number();
        if (this.#takeWord() !== 'TIMES') this.#malformed('expected TIMES');
      } else if (w === 'START') {
        this.#takeWord();
        this.#prefixed('t');
        if (this.#takeWord() !== 'STOP') this.#malformed('expected STOP');
        this.#prefixed('t');
      } else return;
    }
  }

  #comparisonOr(): void {
    this.#comparisonAnd();
    while (this.#word() === 'OR') {
      this.#takeWord();
      this.#comparisonAnd();
    }
  }

  #comparisonAnd(): void {
    this.#test();
    while (this.#word() === 'AND') {
      this.#takeWord();
      this.#unsupportedBy('AND joins comparisons (a compound indicator)');
      this.#test();
    }
  }

  /** test := '(' comparisons ')' | EXISTS path | path NOT? op literal */
  #test(): void {
    if (this.#peek() === 40) {
      this.#enter();
      this.#i++;
      this.#comparisonOr();
      this.#expect(')');
      this.#depth--;
      return;
    }
    if (this.#word() === 'EXISTS') {
      this.#takeWord();
      this.#unsupportedBy('EXISTS tests presence, not a value');
      this.#path();
      return;
    }
    const path = this.#path();
    let negated = false;
    if (this.#word() === 'NOT') {
      this.#takeWord();
      negated = true;
    }
    const op = this.#operator();
    if (op === 'IN') {
      this.#set();
      this.#unsupportedBy('IN compares against a set');
      return;
    }
    const value = this.#literal();
    if (negated || !EQUALS.has(op)) {
      this.#unsupportedBy(`${negated ? 'NOT ' : ''}${op} is not an equality`);
      return;
    }
    if (this.out.length >= this.maxComparisons)
      throw new Fail('unsupported', `more than ${this.maxComparisons} comparisons`);
    this.out.push({ path: path.text, type: typeOfPath(path.objectType, path.props, value), value });
  }

  #operator(): string {
    const w = this.#word();
    if (WORD_OPS.has(w)) {
      this.#takeWord();
      return w;
    }
    for (const op of COMPARE_OPS)
      if (this.s.startsWith(op, this.#i)) {
        this.#i += op.length;
        return op;
      }
    return this.#malformed('expected a comparison operator');
  }

  /** object-type ':' property ('.' property | '[' index ']')* ; a property may be a quoted string. */
  #path(): { objectType: string; props: string[]; text: string } {
    this.#skip();
    const objectType = this.#identifier(true);
    if (this.s.charCodeAt(this.#i) !== 58) this.#malformed('expected : after the object type');
    this.#i++;
    const props = [this.#property()];
    let text = `${objectType}:${quoteIfNeeded(props[0] as string)}`;
    for (;;) {
      const c = this.s.charCodeAt(this.#i);
      if (c === 46) {
        this.#i++;
        const p = this.#property();
        props.push(p);
        text += `.${quoteIfNeeded(p)}`;
      } else if (c === 91) {
        this.#i++;
        const start = this.#i;
        if (this.s.charCodeAt(this.#i) === 42) this.#i++;
        else while (isDigit(this.s.charCodeAt(this.#i))) this.#i++;
        if (this.#i === start || this.s.charCodeAt(this.#i) !== 93) this.#malformed('bad list index');
        const index = this.s.slice(start, this.#i);
        this.#i++;
        props.push(`[${index}]`);
        text += `[${index}]`;
      } else return { objectType, props, text };
    }
  }

  #property(): string {
    return this.s.charCodeAt(this.#i) === 39 ? this.#string() : this.#identifier(false);
  }

  #identifier(hyphens: boolean): string {
    const start = this.#i;
    if (!isIdentStart(this.s.charCodeAt(this.#i))) this.#malformed('expected a name');
    this.#i++;
    while (this.#i < this.s.length) {
      const c = this.s.charCodeAt(this.#i);
      if (!(isIdentStart(c) || isDigit(c) || (hyphens && c === 45))) break;
      this.#i++;
    }
    return this.s.slice(start, this.#i);
  }

  /** A single-quoted string; only \' and \\ are escapes (STIX 2.1 §9.2). */
  #string(): string {
    this.#i++;
    // Pieces joined once at the end: a string of many escapes costs one copy, not one per escape.
    const parts: string[] = [];
    let from = this.#i;
    for (;;) {
      if (this.#i >= this.s.length) this.#malformed('unterminated string');
      const c = this.s.charCodeAt(this.#i);
      if (c === 39) break;
      if (c === 92) {
        const n = this.s.charCodeAt(this.#i + 1);
        if (n !== 39 && n !== 92) this.#malformed('invalid escape in string');
        parts.push(this.s.slice(from, this.#i), n === 39 ? "'" : '\\');
        this.#i += 2;
        from = this.#i;
      } else this.#i++;
    }
    parts.push(this.s.slice(from, this.#i));
    this.#i++;
    return parts.length === 1 ? (parts[0] as string) : parts.join('');
  }

  /** t'…', b'…' or h'…': the prefix, then a string. */
  #prefixed(prefix: string): string {
    this.#skip();
    if (this.s[this.#i] !== prefix || this.s.charCodeAt(this.#i + 1) !== 39)
      this.#malformed(`expected ${prefix}'…'`);
    this.#i++;
    return this.#string();
  }

  #number(): string {
    this.#skip();
    const start = this.#i;
    if (this.s[this.#i] === '-' || this.s[this.#i] === '+') this.#i++;
    while (isDigit(this.s.charCodeAt(this.#i))) this.#i++;
    if (this.s[this.#i] === '.') {
      this.#i++;
      while (isDigit(this.s.charCodeAt(this.#i))) this.#i++;
    }
    const text = this.s.slice(start, this.#i);
    if (!/\d/.test(text)) this.#malformed('expected a number');
    return text;
  }

  #literal(): string {
    const c = this.#peek();
    if (c === 39) return this.#string();
    const w = this.#word();
    if (w === 'TRUE' || w === 'FALSE') return this.#takeWord().toLowerCase();
    if ((w === 'T' || w === 'B' || w === 'H') && this.s.charCodeAt(this.#i + 1) === 39)
      return this.#prefixed(this.s[this.#i] as string);
    return this.#number();
  }

  #set(): void {
    this.#expect('(');
    this.#literal();
    while (this.#peek() === 44) {
      this.#i++;
      this.#literal();
    }
    this.#expect(')');
  }
}

/** A property needs quotes unless it is a plain identifier (STIX: hashes.'SHA-256', hashes.MD5). */
function quoteIfNeeded(p: string): string {
  if (p.startsWith('[')) return p;
  let plain = p.length > 0 && isIdentStart(p.charCodeAt(0));
  for (let i = 1; plain && i < p.length; i++) {
    const c = p.charCodeAt(i);
    plain = isIdentStart(c) || isDigit(c);
  }
  return plain ? p : `'${p.replace(/[\\']/g, (ch) => `\\${ch}`)}'`;
}

/** Parses a STIX pattern; never throws for the pattern's sake. */
export function parseStixPattern(pattern: string, limits: PatternLimits = {}): PatternResult {
  const maxLength = limits.maxLength ?? 64 * 1024;
  if (pattern.length > maxLength)
    return { ok: false, kind: 'malformed', detail: `longer than ${maxLength} characters` };
  const p = new Parser(pattern, limits.maxComparisons ?? 1000, limits.maxDepth ?? 32);
  try {
    p.parse();
  } catch (e) {
    if (e instanceof Fail) return { ok: false, kind: e.kind, detail: e.message };
    throw e;
  }
  return { ok: true, comparisons: p.out };
}
