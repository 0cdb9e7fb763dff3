// Timeout step: bounds one attempt (overall, plus undici's headers and body timeouts, which the send
// step applies) and the operation's deadline, and tells a timeout, a deadline and a cancellation apart.
import { z } from 'zod';
import { errors, HttpAbortedError, HttpTransportError } from '../errors.js';
import { parseOptions, withOverride } from '../options.js';
import type { ChainContext, Step } from '../types.js';
import { targetOf } from './retry.js';

export const timeoutOptionsSchema = z.object({
  /** Whole attempt: connect, headers and (for buffered answers) the body. */
  attemptTimeoutMs: z.number().int().min(1).max(600_000).default(60_000),
  /** From request sent to response headers received (undici headersTimeout). */
  headersTimeoutMs: z.number().int().min(1).max(600_000).default(30_000),
  /** Longest silence between body chunks (undici bodyTimeout). */
  bodyTimeoutMs: z.number().int().min(1).max(600_000).default(30_000),
});
export type TimeoutOptions = z.output<typeof timeoutOptionsSchema>;

export function timeoutStep(ctx: ChainContext, options: Partial<TimeoutOptions> = {}): Step {
  const base = parseOptions(timeoutOptionsSchema, options, 'timeout');
  return async function timeout(req, next) {
    const o = withOverride(timeoutOptionsSchema, base, req.overrides?.timeout, 'timeout');
    const target = targetOf(ctx.service, req);
    const where = `${target.service} ${target.method} ${target.host}${target.path}`;
    if (req.signal?.aborted) throw new HttpAbortedError(target, req.signal.reason);
    const left = req.deadlineAt === undefined ? Number.POSITIVE_INFINITY : req.deadlineAt - ctx.clock.now();
    if (left <= 0) {
      throw new HttpTransportError(
        errors.DEADLINE_EXCEEDED,
        `${where}: the deadline passed before the attempt`,
        target,
        {
          retryable: true,
        },
      );
    }
    const byDeadline = left < o.attemptTimeoutMs;
    const ms = Math.min(o.attemptTimeoutMs, left);
    const ctrl = new AbortController();
    let fired = false;
    const timer = setTimeout(() => {
      fired = true;
      ctrl.abort();
    }, ms);
    const onAbort = () => ctrl.abort(req.signal?.reason);
    req.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await next({ ...req, signal: ctrl.signal, overrides: { ...req.overrides, timeout: o } });
    } catch (e) {
      if (fired && byDeadline) {
        throw new HttpTransportError(
          errors.DEADLINE_EXCEEDED,
          `${where}: the deadline passed during the attempt`,
          target,
          {
            cause: e,
            retryable: true,
          },
        );
      }
      if (fired) {
        throw new HttpTransportError(errors.TIMEOUT, `${where}: no complete answer within ${ms} ms`, target, {
          cause: e,
          retryable: true,
        });
      }
      if (req.signal?.aborted) throw new HttpAbortedError(target, e);
      throw e;
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  };
}
