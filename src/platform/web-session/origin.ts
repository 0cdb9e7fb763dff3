// The browser's own word on where a state-changing request came from (Sec-Fetch-Site, Origin),
// checked before the CSRF token: a second lock that needs no state, and the one that holds before a
// session exists (the sign-in form itself).
import { CrossSiteError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequestSource {
  method: string;
  headers: Record<string, string | string[] | undefined>;
}

/** One value, or undefined when the header is absent; a repeated header is a refusal. */
function single(req: RequestSource, name: string): string | undefined {
  const v = req.headers[name];
  if (Array.isArray(v)) throw new CrossSiteError(`${name} is repeated`);
  return v;
}

/**
 * Throws GSOC_SESSION_CROSS_SITE (403) for a state-changing request not from `expectedOrigin` (the
 * console's public URL's origin, e.g. `https://soc.contoso.com`). Sec-Fetch-Site must be
 * `same-origin` (or `none`, the person's own action), Origin must match exactly when present, and
 * at least one of them must be there: every current browser sends them, so a request with neither is
 * not from the console's pages. Safe methods pass.
 */
export function checkSameOrigin(req: RequestSource, expectedOrigin: string): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  const site = single(req, 'sec-fetch-site');
  const origin = single(req, 'origin');
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    throw new CrossSiteError('the request came from another site');
  // `Origin: null` is what Chromium sends for a form posted from a page with Referrer-Policy
  // no-referrer (the console's): then Sec-Fetch-Site, which no page can set, must say same-origin.
  if (origin === 'null') {
    if (site !== 'same-origin') throw new CrossSiteError('the request came from an opaque origin');
  } else if (origin !== undefined && origin !== new URL(expectedOrigin).origin)
    throw new CrossSiteError('the request came from another origin');
  if (site === undefined && origin === undefined)
    throw new CrossSiteError('the request has neither an Origin nor a Sec-Fetch-Site header');
}
