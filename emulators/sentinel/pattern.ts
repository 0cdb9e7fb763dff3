// A syntax check of STIX 2.1 patterns (STIX 2.1 §9 and its ANTLR grammar), enough for the upload APIs'
// "pattern must be a STIX pattern" validation: observation expressions joined by AND / OR /
// FOLLOWEDBY with WITHIN, REPEATS and START/STOP qualifiers; comparisons of object paths with
// =, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET, EXISTS; typed literals. It checks the
// shape only (not that `ipv4-addr:value` names a real property). Recursive descent over tokens the
// lexer hands out on demand, each read once; nesting is capped so a wall of brackets cannot exhaust
// the stack.
import { isTimestamp } from './timestamps.js';
import { LexError, Lexer, type Token } from './pattern-tokens.js';

const MAX_DEPTH = 64;
const EQUALITY = new Set(['=', '!=']);
const ORDERING = new Set(['<', '<=', '>', '>=']);
const STRING_OPERATORS = new Set(['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);

class PatternSyntax extends Error {}

/** Undefined when `pattern` is a well-formed STIX pattern; otherwise why not. */
export function stixPatternProblem(pattern: string): string | undefined {
  const p = new Parser(new Lexer(pattern));
  try {
    p.observations(0);
    if (p.peek() !== undefined) p.fail('unexpected text after the pattern');
    return undefined;
  } catch (error) {
    if (error instanceof PatternSyntax) return error.message;
    if (error instanceof LexError) return `${error.message} at offset ${error.at}`;
    throw error;
  }
}

class Parser {
  /** Tokens read but not yet consumed (at most two: the grammar looks one token past the next). */
  private readonly ahead: Token[] = [];
  constructor(private readonly lexer: Lexer) {}

  peek(offset = 0): Token | undefined {
    while (this.ahead.length <= offset) {
      const t = this.lexer.next();
      if (t === undefined) return undefined;
      this.ahead.push(t);
    }
    return this.ahead[offset];
  }

  private skip(): void {
    this.peek();
    this.ahead.shift();
  }

  fail(reason: string, at = this.peek()): never {
    throw new PatternSyntax(at ? `${reason} at offset ${at.at}` : `${reason} at the end`);
  }

  private is(text: string): boolean {
    const t = this.peek();
    return t !== undefined && (t.kind === 'punct' || t.kind === 'word') && t.text === text;
  }

  private take(text: string): void {
    if (!this.is(text)) this.fail(`expected ${text}`);
    this.skip();
  }

  private takeKind(kind: Token['kind'], what: string): Token {
    const t = this.peek();
    if (t?.kind !== kind) this.fail(`expected ${what}`);
    this.skip();
    return t;
  }

  /** observationExpressions: or-groups joined by FOLLOWEDBY (OR and AND bind tighter). */
  observations(depth: number): void {
    if (depth > MAX_DEPTH) this.fail('pattern nested too deeply');
    this.observation(depth);
    while (this.is('AND') || this.is('OR') || this.is('FOLLOWEDBY')) {
      this.skip();
      this.observation(depth);
    }
  }

  private observation(depth: number): void {
    if (this.is('[')) {
      this.skip();
      this.comparisons(depth + 1);
      this.take(']');
    } else if (this.is('(')) {
      this.skip();
      this.observations(depth + 1);
      this.take(')');
    } else this.fail('expected [ or (');
    this.qualifiers();
  }

  private qualifiers(): void {
    for (;;) {
      if (this.is('WITHIN')) {
        this.skip();
        this.positiveNumber();
        this.take('SECONDS');
      } else if (this.is('REPEATS')) {
        this.skip();
        this.positiveNumber();
        this.take('TIMES');
      } else if (this.is('START')) {
        this.skip();
        this.timestamp();
        this.take('STOP');
        this.timestamp();
      } else return;
    }
  }

  private comparisons(depth: number): void {
    if (depth > MAX_DEPTH) this.fail('pattern nested too deeply');
    this.test(depth);
    while (this.is('AND') || this.is('OR')) {
      this.skip();
      this.test(depth);
    }
  }

  private test(depth: number): void {
    if (this.is('(')) {
      this.skip();
      this.comparisons(depth + 1);
      this.take(')');
      return;
    }
    if (this.is('EXISTS')) {
      this.skip();
      this.objectPath();
      return;
    }
    this.objectPath();
    if (this.is('NOT')) this.skip();
    const op = this.peek();
    if (op === undefined) this.fail('expected a comparison operator');
    this.skip();
    if (EQUALITY.has(op.text) || ORDERING.has(op.text)) this.literal();
    else if (op.text === 'IN') this.set();
    else if (STRING_OPERATORS.has(op.text)) this.takeKind('string', 'a quoted string');
    else this.fail('expected a comparison operator', op);
  }

  /** object-type:property(.property | [n] | [*])* */
  private objectPath(): void {
    this.takeKind('word', 'an object type');
    this.take(':');
    this.pathComponent();
    for (;;) {
      if (this.is('.')) {
        this.skip();
        this.pathComponent();
      } else if (this.is('[') && this.peek(1)?.kind !== 'word') {
        this.skip();
        if (this.is('*')) this.skip();
        else this.takeKind('number', 'a list index or *');
        this.take(']');
      } else return;
    }
  }

  private pathComponent(): void {
    const t = this.peek();
    if (t?.kind !== 'word' && t?.kind !== 'string') this.fail('expected a property name');
    this.skip();
  }

  private set(): void {
    this.take('(');
    if (this.is(')')) {
      this.skip();
      return;
    }
    this.literal();
    while (this.is(',')) {
      this.skip();
      this.literal();
    }
    this.take(')');
  }

  private literal(): void {
    const t = this.peek();
    if (t === undefined) this.fail('expected a value');
    if (t.kind === 'typed') {
      this.typed(t);
      return;
    }
    if (t.kind === 'string' || t.kind === 'number' || (t.kind === 'word' && /^(true|false)$/.test(t.text))) {
      this.skip();
      return;
    }
    this.fail('expected a value');
  }

  private typed(t: Token): void {
    const body = t.text.slice(2, -1);
    const ok =
      t.text[0] === 't'
        ? isTimestamp(body)
        : t.text[0] === 'h'
          ? body.length % 2 === 0 && /^[0-9a-fA-F]*$/.test(body)
          : /^[A-Za-z0-9+/]*={0,2}$/.test(body);
    if (!ok) this.fail(`malformed ${t.text[0]}'…' literal`);
    this.skip();
  }

  private timestamp(): void {
    const t = this.peek();
    if (t?.kind !== 'typed' || !t.text.startsWith('t')) this.fail("expected a t'…' timestamp");
    this.typed(t);
  }

  private positiveNumber(): void {
    const t = this.takeKind('number', 'a positive number');
    if (!(Number(t.text) > 0)) this.fail('expected a positive number', t);
  }
}
