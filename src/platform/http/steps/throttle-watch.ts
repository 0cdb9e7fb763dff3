// A step that reports each 429 from one host to the caller's onThrottled (a run's count, a pacer's
// pause) before the retry step waits out its Retry-After on the client's clock. Waiting stays with the
// retry step, so every connector throttles the same way; this only tells.
import type { Step } from '../types.js';
import { parseRetryAfterMs } from './retry.js';

export interface ThrottleEvent {
  /** The API path, e.g. /api/indicators/import. */
  path: string;
  /** What Retry-After asked for, ms; undefined when the answer had none. */
  retryAfterMs: number | undefined;
}

export function throttleWatchStep(
  host: string,
  onThrottled: (event: ThrottleEvent) => void,
  now: () => number,
): Step {
  return async function throttleWatch(req, next) {
    const res = await next(req);
    if (res.status === 429 && req.url.host === host)
      onThrottled({
        path: req.url.pathname,
        retryAfterMs: parseRetryAfterMs(res.headers['retry-after'], now()),
      });
    return res;
  };
}
