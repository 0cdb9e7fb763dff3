// Where an href leads, as a browser resolves it: against the document's <base href>, and a
// protocol-relative `//host/x` as https (a mail has no page URL to take the scheme from; https is
// what a client opens it with).
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The base a document's relative links resolve against: an absolute http(s) URL, or null. */
export function documentBase(base: string | null): URL | null {
  const b = base?.trim();
  if (!b) return null;
  try {
    const url = new URL(b.startsWith('//') ? `https:${b}` : b);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    // A base that is not a URL resolves nothing, as in a browser.
    return null;
  }
}

/** The absolute target of `href`; an href that cannot be resolved comes back trimmed, as written. */
export function resolveHref(href: string, base: URL | null): string {
  const h = href.trim();
  if (SCHEME.test(h)) return h;
  if (h.startsWith('//')) return `https:${h}`;
  if (!base || h.startsWith('#')) return h;
  try {
    return new URL(h, base).toString();
  } catch {
    return h;
  }
}
