// The TruSTAR steps of the platform/http chain. `clientHeaders` stamps Client-Type, Client-Version and
// Client-Metatag on every request to TruSTAR's host. `bearer` attaches the token there only and, when
// the API refuses it (400 "Expired/Invalid oauth2 access token", or 401), renews it once and repeats.
// `waitTime` honours a 429's waitTime (ms, in the body — TruSTAR sends no Retry-After) up to a bound,
// cancellable through the request's signal; 503, 504 and network errors stay with the retry step.
import {
  HttpAbortedError,
  type HttpRequest,
  type HttpResponse,
  type Step,
  tryJson,
} from '../../platform/http/index.js';
import { VERSION } from '../../platform/version.js';
import { TrustarThrottledError } from './errors.js';
import { throttledSchema, tokenErrorSchema } from './schemas.js';
import type { TrustarTokens } from './token.js';
import type { ThrottleEvent } from './types.js';

export function clientHeadersStep(host: string, metatag: string): Step {
  return async function trustarClientHeaders(req, next) {
    if (req.url.host !== host) return next(req);
    return next({
      ...req,
      headers: { ...req.headers, 'client-type': 'API', 'client-version': VERSION, 'client-metatag': metatag },
    });
  };
}

/** Only a buffered body can be sent twice. */
const replayable = (req: HttpRequest) =>
  (req.body === undefined || typeof req.body === 'string' || req.body instanceof Uint8Array) &&
  req.responseType !== 'stream';

const withToken = (req: HttpRequest, token: string): HttpRequest => ({
  ...req,
  headers: { ...req.headers, authorization: `Bearer ${token}` },
});

/** The SDKs' contract: a 400 whose error_description names an expired or invalid token. */
function tokenRefused(res: HttpResponse): boolean {
  if (res.status === 401) return true;
  if (res.status !== 400 || res.stream) return false;
  const body = tokenErrorSchema.safeParse(tryJson(res));
  return body.success && /^(expired|invalid) oauth2 access token$/i.test(body.data.error_description.trim());
}

export function bearerStep(tokens: TrustarTokens, host: string): Step {
  return async function trustarBearer(req, next) {
    if (req.overrides?.auth?.enabled === false || req.url.host !== host) return next(req);
    const token = await tokens.token();
    const res = await next(withToken(req, token));
    if (!tokenRefused(res) || !replayable(req)) return res;
    const fresh = await tokens.renew(token);
    return next(withToken(req, fresh));
  };
}

export interface WaitTimeOptions {
  maxWaitMs: number;
  maxWaits: number;
  onThrottled?: ((event: ThrottleEvent) => void) | undefined;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
}

export function waitTimeStep(host: string, o: WaitTimeOptions): Step {
  return async function trustarWaitTime(req, next) {
    if (req.url.host !== host || !replayable(req)) return next(req);
    for (let attempt = 1; ; attempt++) {
      const res = await next(req);
      if (res.status !== 429 || res.stream) return res;
      const body = throttledSchema.safeParse(tryJson(res));
      // Without waitTime the retry step handles it (Retry-After or backoff).
      if (!body.success) return res;
      const waitMs = Math.ceil(body.data.waitTime);
      const path = req.url.pathname;
      if (waitMs > o.maxWaitMs)
        throw new TrustarThrottledError(
          path,
          waitMs,
          attempt,
          `the wait exceeds the ${o.maxWaitMs} ms allowed`,
        );
      if (attempt > o.maxWaits)
        throw new TrustarThrottledError(path, waitMs, attempt, `gave up after ${o.maxWaits} waits`);
      if (req.deadlineAt !== undefined && o.now() + waitMs > req.deadlineAt)
        throw new TrustarThrottledError(path, waitMs, attempt, 'the wait would pass the deadline');
      o.onThrottled?.({ waitMs, attempt, path });
      try {
        await o.sleep(waitMs, req.signal);
      } catch (e) {
        throw new HttpAbortedError({ service: 'trustar', method: req.method, host, path }, e);
      }
    }
  };
}
