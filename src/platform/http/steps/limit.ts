// Limit step: holds a per-host concurrency slot and a rate token for each attempt; a streamed
// answer keeps its slot until the stream closes.
import { errors, HttpAbortedError, HttpTransportError } from '../errors.js';
import { type HostLimiter, LimitDeadlineError } from '../limiter.js';
import type { ChainContext, Step } from '../types.js';
import { targetOf } from './retry.js';

export function limitStep(ctx: ChainContext, limiter: HostLimiter): Step {
  return async function limit(req, next) {
    let release: () => void;
    try {
      release = await limiter.acquire(req.url.host, { deadlineAt: req.deadlineAt, signal: req.signal });
    } catch (e) {
      const target = targetOf(ctx.service, req);
      if (e instanceof LimitDeadlineError) {
        throw new HttpTransportError(
          errors.DEADLINE_EXCEEDED,
          `${target.service} ${target.method} ${target.host}${target.path}: waiting for the host's rate or concurrency limit would pass the deadline`,
          target,
          { retryable: true },
        );
      }
      throw new HttpAbortedError(target, e);
    }
    try {
      const res = await next(req);
      if (res.stream) res.stream.once('close', release);
      else release();
      return res;
    } catch (e) {
      release();
      throw e;
    }
  };
}
