// The Defender step of the platform/http chain that reports each 429 to the caller's onThrottled
// before the platform's retry step waits out its Retry-After (on the client's clock, capped, a bounded
// number of times). Waiting stays with the retry step so every connector throttles the same way.
import { parseRetryAfterMs, type Step } from '../../../platform/http/index.js';
import type { ThrottleEvent } from './types.js';

export function throttleWatchStep(
  host: string,
  onThrottled: (event: ThrottleEvent) => void,
  now: () => number,
): Step {
  return async function defenderThrottleWatch(req, next) {
    const res = await next(req);
    if (res.status === 429 && req.url.host === host)
      onThrottled({
        path: req.url.pathname,
        retryAfterMs: parseRetryAfterMs(res.headers['retry-after'], now()),
      });
    return res;
  };
}
