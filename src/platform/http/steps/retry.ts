// Retry step: repeats idempotent requests on 429/503/504, network errors and timeouts, with
// exponential backoff and full jitter, honouring Retry-After (seconds or HTTP date) up to a cap.
// It never retries a streamed request body and never begins a wait that would pass the deadline.
import { z } from 'zod';
import { outsideRetries } from '../../metrics.js';
import { errors, HttpAbortedError, HttpTransportError, type RequestTarget } from '../errors.js';
import { parseOptions, withOverride } from '../options.js';
import {
  type ChainContext,
  discard,
  type HttpRequest,
  type HttpResponse,
  isReplayable,
  type Step,
} from '../types.js';

export const retryOptionsSchema = z.object({
  /** Retries after the first attempt; 0 disables retrying. */
  maxRetries: z.number().int().min(0).max(10).default(3),
  /** First backoff ceiling; each retry doubles it up to maxDelayMs. */
  baseDelayMs: z.number().int().min(1).max(60_000).default(500),
  maxDelayMs: z.number().int().min(1).max(300_000).default(30_000),
  /** Longest Retry-After we honour; a longer one is cut to this. */
  maxRetryAfterMs: z.number().int().min(0).max(300_000).default(60_000),
});
export type RetryOptions = z.output<typeof retryOptionsSchema>;

const RETRY_STATUSES = new Set([429, 503, 504]);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export function isIdempotent(req: HttpRequest): boolean {
  return req.idempotent ?? SAFE_METHODS.has(req.method);
}

/** Parses Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Full jitter: a uniform delay between 0 and min(maxDelay, base * 2^(retry-1)). */
export function backoffMs(retry: number, o: RetryOptions, random: () => number): number {
  const ceiling = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

export function targetOf(service: string, req: HttpRequest): RequestTarget {
  return { service, method: req.method, host: req.url.host, path: req.url.pathname };
}

function retryReason(res: HttpResponse | undefined, err: unknown): string | undefined {
  if (res) return RETRY_STATUSES.has(res.status) ? `status_${res.status}` : undefined;
  if (err instanceof HttpTransportError && err.retryable) {
    return err.code === errors.TIMEOUT.code ? 'timeout' : 'network';
  }
  return undefined;
}

export function retryStep(
  ctx: ChainContext,
  options: Partial<RetryOptions> = {},
  random = Math.random,
): Step {
  const base = parseOptions(retryOptionsSchema, options, 'retry');
  return async function retry(req, next) {
    const o = withOverride(retryOptionsSchema, base, req.overrides?.retry, 'retry');
    const mayRetry = isIdempotent(req) && isReplayable(req.body) && req.responseType !== 'stream';
    for (let attempt = 1; ; attempt++) {
      let res: HttpResponse | undefined;
      let err: unknown;
      try {
        res = await next(req);
      } catch (e) {
        err = e;
      }
      const reason = retryReason(res, err);
      if (reason === undefined || !mayRetry || attempt > o.maxRetries) {
        if (res) {
          res.attempts = attempt;
          return res;
        }
        throw attempt > 1 ? withAttempts(err, attempt) : err;
      }
      const retryAfter = res ? parseRetryAfterMs(res.headers['retry-after'], ctx.clock.now()) : undefined;
      const delay =
        retryAfter !== undefined ? Math.min(retryAfter, o.maxRetryAfterMs) : backoffMs(attempt, o, random);
      const target = targetOf(ctx.service, req);
      if (req.deadlineAt !== undefined && ctx.clock.now() + delay > req.deadlineAt) {
        if (res) discard(res);
        throw new HttpTransportError(
          errors.DEADLINE_EXCEEDED,
          `${target.service} ${target.method} ${target.host}${target.path}: waiting ${delay} ms before retry ${attempt} would pass the deadline`,
          target,
          { cause: err, retryable: true, details: { attempts: attempt, lastStatus: res?.status } },
        );
      }
      if (res) discard(res);
      outsideRetries.inc({ service: ctx.service, host: target.host, reason });
      try {
        await ctx.clock.sleep(delay, req.signal);
      } catch (e) {
        throw new HttpAbortedError(target, e);
      }
    }
  };
}

function withAttempts(err: unknown, attempts: number): unknown {
  if (!(err instanceof HttpTransportError)) return err;
  return new HttpTransportError(
    { code: err.code },
    `${err.message}, after ${attempts} attempts`,
    err.target,
    {
      cause: err.cause,
      retryable: err.retryable,
      details: { attempts },
    },
  );
}
