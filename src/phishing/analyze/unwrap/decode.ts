// Decoding steps shared by the rewriters' formats: a query parameter as written, lenient percent
// decoding, and the check that a decoded target is a plain http(s) URL. Each is one pass over its input.

/**
 * The value of the first `name=` parameter of a serialised query (`?a=1&b=2`), not yet decoded, or
 * null. URLSearchParams would decode it once already, which breaks Proofpoint v2 (a `%2D` would turn
 * into `-` and then into `%`), and it reads `+` as a space, which no rewriter means in a URL.
 */
export function rawParam(search: string, name: string): string | null {
  const query = search.startsWith('?') ? search.slice(1) : search;
  const prefix = `${name}=`;
  for (const pair of query.split('&')) if (pair.startsWith(prefix)) return pair.slice(prefix.length);
  return null;
}

const hexValue = (c: number): number => {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
};

/**
 * `%XX` sequences decoded as UTF-8; a `%` without two hex digits stays as it is, and bytes that are
 * not UTF-8 become U+FFFD. decodeURIComponent refuses the whole string at the first bad sequence,
 * which a mail can hold on purpose to hide its target.
 */
export function percentDecode(s: string): string {
  if (!s.includes('%')) return s;
  let out = '';
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length) out += Buffer.from(bytes).toString('utf8');
    bytes = [];
  };
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) !== 0x25) continue;
    const hi = hexValue(s.charCodeAt(i + 1));
    const lo = hexValue(s.charCodeAt(i + 2));
    if (hi < 0 || lo < 0) continue;
    if (i > from) {
      flush();
      out += s.slice(from, i);
    }
    bytes.push(hi * 16 + lo);
    i += 2;
    from = i + 1;
  }
  flush();
  return out + s.slice(from);
}

const HTTP_START = /^https?:\/\//i;

/**
 * The candidate as a URL when it plainly is an absolute http(s) URL with a dotted host or an IP;
 * anything else (javascript:, data:, a relative path, a bare word) is null. Leading and trailing white
 * space, which a rewriter's encoding may carry, is dropped.
 */
export function httpTarget(candidate: string): string | null {
  const t = candidate.trim();
  if (!HTTP_START.test(t)) return null;
  try {
    const u = new URL(t);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    // A host of one label (`http://s/` from a cut AMP link) names no site anyone can reach.
    if (!u.hostname.includes('.') && !u.hostname.includes(':')) return null;
    return u.href;
  } catch {
    return null;
  }
}

/** A query parameter's value decoded once, or null when the parameter is absent. */
export function paramTarget(u: URL, name: string): string | null {
  const raw = rawParam(u.search, name);
  return raw === null ? null : percentDecode(raw);
}

/** What follows the origin: path, query and fragment as the URL parser wrote them. */
export const afterOrigin = (u: URL): string => u.pathname + u.search + u.hash;
