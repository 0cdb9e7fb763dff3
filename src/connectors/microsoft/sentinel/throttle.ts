// Sentinel says how long to wait after a 429 only in its message ("Try again in 23 seconds."), with
// no Retry-After header. This step, below the platform's retry step, copies that wait into a
// Retry-After header of the answer, so the one retry policy of platform/http waits it out on the
// client's clock (capped by maxRetryAfterMs), and tells the caller of every 429.
import { parseRetryAfterMs, type Step, tryJson } from '../../../platform/http/index.js';
import { sentinelErrorSchema } from './schemas.js';
import type { ThrottleEvent } from './types.js';

const PHRASE = 'try again in ';

/** The seconds in "… Try again in <n> seconds.", read without a regular expression; undefined if absent. */
export function secondsFromMessage(message: string): number | undefined {
  const at = message.toLowerCase().indexOf(PHRASE);
  if (at < 0) return undefined;
  let i = at + PHRASE.length;
  let digits = '';
  while (i < message.length && digits.length < 6) {
    const c = message.charAt(i);
    if (c < '0' || c > '9') break;
    digits += c;
    i += 1;
  }
  return digits === '' ? undefined : Number(digits);
}

export function throttleStep(
  workspaceId: string,
  now: () => number,
  onThrottled?: (e: ThrottleEvent) => void,
): Step {
  return async function sentinelThrottle(req, next) {
    const res = await next(req);
    if (res.status !== 429) return res;
    if (res.headers['retry-after'] === undefined && !res.stream) {
      const body = sentinelErrorSchema.safeParse(tryJson(res));
      const seconds = body.success ? secondsFromMessage(body.data.message) : undefined;
      if (seconds !== undefined) res.headers['retry-after'] = String(seconds);
    }
    onThrottled?.({ retryAfterMs: parseRetryAfterMs(res.headers['retry-after'], now()), workspaceId });
    return res;
  };
}
