// The KQL subset the advanced hunting emulator understands: value types, tokens and syntax tree.
// https://learn.microsoft.com/kusto/query/  (Kusto Query Language reference)

/** A timespan value (`1d`, `now() - ago(1h)`), in milliseconds. */
export class Span {
  constructor(readonly ms: number) {}
}

export type Value = string | number | boolean | null | Date | Span | Value[] | { [key: string]: Value };
export type Row = Record<string, Value>;
export type KqlType = 'string' | 'datetime' | 'long' | 'int' | 'real' | 'bool' | 'dynamic' | 'timespan';

export interface Column {
  name: string;
  type: KqlType;
}

export interface Table {
  columns: Column[];
  rows: Row[];
}

/** A query error at a character offset of the query text (a syntax or a semantic error). */
export class KqlError extends Error {
  constructor(
    message: string,
    readonly pos: number,
    readonly kind: 'syntax' | 'semantic' = 'semantic',
  ) {
    super(message);
  }
}

export type TokenKind = 'id' | 'str' | 'num' | 'span' | 'datetime' | 'op' | 'eof';
export interface Token {
  t: TokenKind;
  v: string;
  pos: number;
  /** Numeric value of num and span (milliseconds) tokens. */
  n?: number;
}

export type Expr =
  | { k: 'lit'; v: Value; type: KqlType; pos: number }
  | { k: 'col'; name: string; pos: number }
  | { k: 'star'; pos: number }
  | { k: 'call'; fn: string; args: Expr[]; pos: number }
  | { k: 'bin'; op: string; l: Expr; r: Expr; pos: number }
  | { k: 'list'; op: string; l: Expr; items: Expr[]; pos: number }
  | { k: 'between'; neg: boolean; l: Expr; lo: Expr; hi: Expr; pos: number };

/** `Name = expr`, or a bare expression whose name is derived from it. */
export interface Assign {
  name?: string;
  expr: Expr;
  pos: number;
}

export interface SortKey {
  expr: Expr;
  desc: boolean;
  nullsFirst: boolean;
}

export interface Named {
  name: string;
  pos: number;
}

export type JoinKind = 'inner' | 'innerunique' | 'leftouter';

export type Stage =
  | { op: 'where'; expr: Expr; pos: number }
  | { op: 'project' | 'extend'; items: Assign[]; pos: number }
  | { op: 'project-away'; names: Named[]; pos: number }
  | { op: 'project-rename'; pairs: Array<{ to: Named; from: Named }>; pos: number }
  | { op: 'summarize'; aggs: Assign[]; by: Assign[]; pos: number }
  | { op: 'sort'; keys: SortKey[]; pos: number }
  | { op: 'take'; n: number; pos: number }
  | { op: 'top'; n: number; key: SortKey; pos: number }
  | { op: 'distinct'; names: Named[] | '*'; pos: number }
  | { op: 'count'; pos: number }
  | { op: 'join'; kind: JoinKind; right: Pipeline; on: Array<{ left: Named; right: Named }>; pos: number };

export interface Pipeline {
  table: Named;
  stages: Stage[];
}

export interface Query {
  lets: Array<{ name: Named; expr: Expr }>;
  body: Pipeline;
}
