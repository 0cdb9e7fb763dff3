// Auth step: attaches a bearer token only to requests for the hosts the token belongs to, and on a
// 401 asks once for a fresh token (forceRefresh) and sends the request again.
import type { Step } from '../types.js';
import { discard, isReplayable } from '../types.js';

export interface AuthOptions {
  /** Returns a bearer token; the provider caches and refreshes it single-flight. */
  getToken(opts: { forceRefresh: boolean }): Promise<string>;
  /** `host` values (hostname:port when not default) the token may be sent to. */
  hosts: readonly string[];
  /** Retry once with a fresh token on 401 (default true). */
  refreshOn401?: boolean;
}

export interface AuthCallOptions {
  /** false sends the request without a token (e.g. a pre-signed download URL). */
  enabled?: boolean;
}

export function authStep(auth: AuthOptions): Step {
  const hosts = new Set(auth.hosts);
  const refreshOn401 = auth.refreshOn401 ?? true;
  return async function authenticate(req, next) {
    if (req.overrides?.auth?.enabled === false || !hosts.has(req.url.host)) return next(req);
    const token = await auth.getToken({ forceRefresh: false });
    const res = await next({ ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } });
    if (res.status !== 401 || !refreshOn401 || !isReplayable(req.body) || req.responseType === 'stream')
      return res;
    discard(res);
    const fresh = await auth.getToken({ forceRefresh: true });
    return next({ ...req, headers: { ...req.headers, authorization: `Bearer ${fresh}` } });
  };
}
