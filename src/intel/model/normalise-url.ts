// URLs: parsed as a browser parses them (WHATWG, node:url), so the canonical text is what a browser
// would request: lower-case scheme and host, punycode, default port dropped, path percent-encoded.
// A URL that is nothing but its host becomes a domain indicator; any path, query, fragment, port or
// user name keeps it a URL (docs/intel.md says why).
import { isIP } from 'node:net';
import { canonicalDomain, normaliseIp } from './normalise-host.js';
import { MAX_LENGTH, type NormaliseResult, hasSpace, normalised } from './normalised.js';
import { reject } from './rejection.js';

const SCHEMES = new Set(['http:', 'https:', 'ftp:']);
/** A scheme at the start: letters, digits, + - . then `://` (RFC 3986 §3.1). */
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

export function normaliseUrl(claimed: string, value: string): NormaliseResult {
  if (value.length > MAX_LENGTH.url) return reject('TOO_LONG', claimed, value);
  if (hasSpace(value)) return reject('CONTAINS_SPACE', claimed, value);
  // Only the first few characters can hold a scheme; the test never reads further than its length.
  const scheme = SCHEME.exec(value.slice(0, 40))?.[0];
  if (scheme === undefined) return schemeless(claimed, value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return reject('INVALID_URL', claimed, value);
  }
  if (!SCHEMES.has(url.protocol)) return reject('UNSUPPORTED_SCHEME', claimed, value);
  const host = url.hostname;
  const hostIsIp = host.startsWith('[') || isIP(host) !== 0;
  if (!hostIsIp && canonicalDomain(host) === undefined) return reject('INVALID_URL', claimed, value);
  // Percent-encoding and punycode may lengthen what passed the first check.
  if (url.href.length > MAX_LENGTH.url) return reject('TOO_LONG', claimed, value);
  // Nothing but the host: `http://host` and `http://host/` serialise to exactly this. An IP host
  // stays a URL: the rule turns URLs into domains, not into addresses.
  if (!hostIsIp && url.href === `${url.protocol}//${host}/`) return normalised('domain', host);
  return normalised('url', url.href);
}

/**
 * A URL without a scheme, as feeds write them (`evil.example`, `evil.example/login`,
 * `1.2.3.4:8080`): a bare address or domain is that; anything more is read as an http URL.
 */
function schemeless(claimed: string, value: string): NormaliseResult {
  const ip = normaliseIp(claimed, value);
  if (ip.ok) return ip;
  const domain = canonicalDomain(value);
  if (domain !== undefined) return normalised('domain', domain);
  if (value.startsWith('//') || value.startsWith('/')) return reject('INVALID_URL', claimed, value);
  // A colon before any slash that is not a port (`javascript:alert(1)`, `mailto:x@y`) is a scheme.
  const colon = value.indexOf(':');
  const slash = value.search(/[/?#]/);
  if (
    colon >= 0 &&
    (slash < 0 || colon < slash) &&
    !/^[0-9]+(?:[/?#]|$)/.test(value.slice(colon + 1, colon + 7))
  )
    return reject('UNSUPPORTED_SCHEME', claimed, value);
  return normaliseUrl(claimed, `http://${value}`);
}
