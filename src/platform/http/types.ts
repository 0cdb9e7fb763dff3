// Shapes shared by the outgoing-HTTP chain: the request each step sees, the response it returns,
// and the step signature. Steps are plain functions `(req, next) => Promise<HttpResponse>`.
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { Clock } from './clock.js';
import type { AuthCallOptions } from './steps/auth.js';
import type { RedirectOptions } from './steps/redirect.js';
import type { RetryOptions } from './steps/retry.js';
import type { TimeoutOptions } from './steps/timeout.js';

export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A body we can send again on a retry (buffered), or a stream we can send only once. */
export type RequestBody = string | Uint8Array | Readable | AsyncIterable<Uint8Array>;

/** Per-call overrides of step options; they travel with the request through the chain. */
export interface StepOverrides {
  retry?: Partial<RetryOptions>;
  timeout?: Partial<TimeoutOptions>;
  redirect?: Partial<RedirectOptions>;
  auth?: AuthCallOptions;
}

export interface HttpRequest {
  method: HttpMethod;
  url: URL;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body?: RequestBody;
  /**
   * Whether repeating the request is safe. Defaults to true for GET/HEAD/OPTIONS/PUT/DELETE and false
   * for POST/PATCH; set it for a POST that is safe to repeat (e.g. a Graph $batch of GETs only).
   */
  idempotent?: boolean;
  /** 'buffer' (default) reads the whole body inside the attempt; 'stream' hands the body over unread. */
  responseType?: 'buffer' | 'stream';
  /**
   * Reads at most this many bytes of a buffered body: the first `maxBytes` are kept and the answer is
   * marked `truncated`, instead of failing past the client's maxBodyBytes. For a caller that only
   * needs to know a body is too large (a report mail past the parse limit still reaches the analysts).
   */
  truncateBodyAt?: number;
  /** Cancels the whole operation (all retries). */
  signal?: AbortSignal;
  /** Absolute time (clock ms) after which no attempt starts and no wait is begun. */
  deadlineAt?: number;
  overrides?: StepOverrides;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The URL that answered (after redirects). */
  url: URL;
  /** The whole body for responseType 'buffer'; empty for 'stream'. */
  body: Buffer;
  /** The unread body for responseType 'stream'. */
  stream?: Readable;
  /** The body went on past the request's truncateBodyAt; `body` holds only its first bytes. */
  truncated?: boolean;
  /** Attempts made for this answer, counting retries (set by the retry step). */
  attempts: number;
}

export type Next = (req: HttpRequest) => Promise<HttpResponse>;
export type Step = (req: HttpRequest, next: Next) => Promise<HttpResponse>;

/** What every step may read: the service label, the clock and the dispatcher. */
export interface ChainContext {
  service: string;
  clock: Clock;
  dispatcher: Dispatcher;
}

/** Streams and async iterables cannot be replayed; buffered bodies can. */
export function isReplayable(body: RequestBody | undefined): boolean {
  return body === undefined || typeof body === 'string' || body instanceof Uint8Array;
}

/** Drops a response body we will not read, so the connection returns to the pool. */
export function discard(res: HttpResponse): void {
  res.stream?.resume();
}
