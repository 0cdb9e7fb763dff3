// Base error classes for graphsoc, chosen by who must act (CONTRIBUTING.md, "Errors").
// Every thrown error carries a stable code `GSOC_<AREA>_<WHAT>` that is never renamed or reused;
// docs/errors.md lists them all and test/platform/errors-catalogue.test.ts keeps the two in step.

/** Who has to do something about an error: decides its log level and HTTP status family. */
export type ErrorActor = 'caller' | 'remote' | 'internal';

export interface GsocErrorOptions {
  /** HTTP status we answer with when this error reaches one of our own routes. */
  httpStatus?: number;
  cause?: unknown;
  /** Extra structured, secret-free context that is safe to log and show. */
  details?: Record<string, unknown>;
}

export abstract class GsocError extends Error {
  abstract readonly actor: ErrorActor;
  readonly code: string;
  readonly httpStatus: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, defaultStatus: number, opts: GsocErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.httpStatus = opts.httpStatus ?? defaultStatus;
    this.details = opts.details;
  }

  /** Whether repeating the same operation later may succeed. */
  get retryable(): boolean {
    return false;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

/** The caller sent something wrong (bad config, bad request). Logged at info; 4xx. */
export class CallerError extends GsocError {
  readonly actor = 'caller' as const;
  constructor(code: string, message: string, opts?: GsocErrorOptions) {
    super(code, message, 400, opts);
  }
}

/** An outside system failed or refused; often transient. Logged at warn; 502 by default. */
export class RemoteError extends GsocError {
  readonly actor = 'remote' as const;
  readonly #retryable: boolean;
  constructor(code: string, message: string, opts?: GsocErrorOptions & { retryable?: boolean }) {
    super(code, message, 502, opts);
    this.#retryable = opts?.retryable ?? false;
  }
  override get retryable(): boolean {
    return this.#retryable;
  }
}

/** A bug or broken invariant on our side. Logged at error; 500. */
export class InternalError extends GsocError {
  readonly actor = 'internal' as const;
  constructor(code: string, message: string, opts?: GsocErrorOptions) {
    super(code, message, 500, opts);
  }
}

export function isGsocError(e: unknown): e is GsocError {
  return e instanceof GsocError;
}

/** One entry of an area's error catalogue; docs/errors.md is generated from all catalogues. */
export interface ErrorSpec {
  code: string;
  actor: ErrorActor;
  /** What went wrong, in one sentence, for docs/errors.md. */
  summary: string;
  /** What the operator should do about it. */
  fix: string;
}

/** An area's catalogue: keys are short names used in code, values carry the stable code. */
export type ErrorCatalogue = Record<string, ErrorSpec>;
