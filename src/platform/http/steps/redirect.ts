// Redirect step: follows 301/302/303/307/308 itself (undici does not), up to maxRedirects hops.
// On a hop to another origin it drops Authorization and Cookie, so a token never leaves its host;
// it refuses https -> http downgrades and a 307/308 that would need a streamed body again.
import { z } from 'zod';
import { errors, HttpTransportError } from '../errors.js';
import { parseOptions, withOverride } from '../options.js';
import { type ChainContext, discard, type HttpRequest, isReplayable, type Step } from '../types.js';
import { targetOf } from './retry.js';

export const redirectOptionsSchema = z.object({
  /** Hops to follow; 0 hands every 3xx back to the caller. */
  maxRedirects: z.number().int().min(0).max(20).default(5),
});
export type RedirectOptions = z.output<typeof redirectOptionsSchema>;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

export function redirectStep(ctx: ChainContext, options: Partial<RedirectOptions> = {}): Step {
  const base = parseOptions(redirectOptionsSchema, options, 'redirect');
  return async function redirect(req, next) {
    const o = withOverride(redirectOptionsSchema, base, req.overrides?.redirect, 'redirect');
    let current = req;
    for (let hop = 0; ; hop++) {
      const res = await next(current);
      const location = res.headers.location;
      if (!REDIRECTS.has(res.status) || location === undefined || o.maxRedirects === 0) return res;
      discard(res);
      const target = targetOf(ctx.service, current);
      if (hop >= o.maxRedirects) {
        throw new HttpTransportError(
          errors.TOO_MANY_REDIRECTS,
          `${target.service} ${target.method} ${target.host}${target.path}: more than ${o.maxRedirects} redirects`,
          target,
        );
      }
      current = nextHop(current, res.status, location, target);
    }
  };
}

function nextHop(
  req: HttpRequest,
  status: number,
  location: string,
  target: ReturnType<typeof targetOf>,
): HttpRequest {
  const refuse = (why: string) =>
    new HttpTransportError(
      errors.REDIRECT_REFUSED,
      `${target.service} ${target.method} ${target.host}${target.path}: redirect refused, ${why}`,
      target,
    );
  let url: URL;
  try {
    url = new URL(location, req.url);
  } catch {
    throw refuse('the Location header is not a URL');
  }
  if (req.url.protocol === 'https:' && url.protocol !== 'https:') throw refuse('it downgrades https');
  const toGet = status === 303 || ((status === 301 || status === 302) && req.method === 'POST');
  if (!toGet && !isReplayable(req.body))
    throw refuse('the request body was a stream and cannot be sent again');
  const headers = { ...req.headers };
  if (url.origin !== req.url.origin) for (const h of CREDENTIAL_HEADERS) delete headers[h];
  if (toGet) {
    delete headers['content-type'];
    delete headers['content-length'];
  }
  const { body: _body, ...rest } = req;
  return { ...rest, url, headers, ...(toGet ? { method: 'GET' } : { body: req.body }) };
}
