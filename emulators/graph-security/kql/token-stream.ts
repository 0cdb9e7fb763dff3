// The token cursor both KQL parsers build on: look-ahead, expectations, nesting guard and syntax errors
// that name the offending token and its position.
import { KqlError, type Named, type Token } from './ast.js';

/** Deeper nesting is refused as a syntax error rather than risking the stack. */
const MAX_NESTING = 100;

export class TokenStream {
  private i = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  protected nested<T>(parse: () => T): T {
    if (this.depth >= MAX_NESTING) {
      throw new KqlError(
        `Query could not be parsed: nesting deeper than ${MAX_NESTING} levels`,
        this.peek().pos,
        'syntax',
      );
    }
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  protected peek(): Token {
    return this.peekAt(0);
  }

  protected peekAt(n: number): Token {
    return this.tokens[Math.min(this.i + n, this.tokens.length - 1)] as Token;
  }

  protected next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  protected isId(v: string): boolean {
    const t = this.peek();
    return t.t === 'id' && t.v === v;
  }

  protected isOp(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }

  protected expectOp(v: string): void {
    if (!this.isOp(v)) this.fail();
    this.next();
  }

  protected name(): Named {
    const t = this.next();
    if (t.t !== 'id') return this.fail(t);
    return { name: t.v, pos: t.pos };
  }

  protected fail(t: Token = this.peek()): never {
    throw new KqlError(
      `Query could not be parsed at '${t.t === 'eof' ? '<end of query>' : t.v}'`,
      t.pos,
      'syntax',
    );
  }
}
