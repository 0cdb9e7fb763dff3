// Verdict rules about where the links lead: hosts that hide or borrow (shorteners, free hosting), a
// bare IP address, a name before an `@` that is not the host, a TLD where phishing is common. Each
// fires once per message, whatever the number of such links: a template with ten of them is no more
// deceptive than with one.
import { hasKnownSuffix, hostOf, isIpAddress, registrableDomain } from './domains.js';
import type { Facts } from './facts.js';
import { type Reason, reason } from './reason.js';
import type { Rule } from './rules.js';
import { linkHostKind, riskyTld } from './signals/link-hosts.js';

/**
 * The user-info part of an http(s) URL when it reads as a place (`https://paypal.com@evil.example/`),
 * or null. A plain user name (`https://git@host/`, `http://user:pass@host/` in a technical mail, an
 * address typed as a link: `http://first.last@example.com`) deceives nobody about the host.
 */
function userinfo(url: string): string | null {
  try {
    const u = new URL(url);
    if (!/^https?:$/.test(u.protocol) || u.username === '') return null;
    const user = decodeURIComponent(u.username);
    return hasKnownSuffix(user) && registrableDomain(user) !== null ? user : null;
  } catch {
    return null;
  }
}

export const linkHosts: Rule = (f: Facts) => {
  const out: Reason[] = [];
  const seen = new Set<string>();
  const once = (r: Reason) => {
    if (seen.has(r.code)) return;
    seen.add(r.code);
    out.push(r);
  };
  for (const url of f.urls) {
    const host = hostOf(url);
    if (!host) continue;
    const user = userinfo(url);
    if (user)
      once(
        reason(
          f,
          'LINK_USERINFO',
          `A link puts "${user.slice(0, 60)}" before an @, so it seems to lead there, but it leads to ${host}.`,
        ),
      );
    if (isIpAddress(host)) {
      once(reason(f, 'LINK_IP_HOST', `A link leads to a bare IP address (${host}).`));
      continue;
    }
    const kind = linkHostKind(host);
    if (kind?.kind === 'shortener')
      once(
        reason(
          f,
          'LINK_SHORTENER',
          `A link goes through the URL shortener ${kind.service}, which hides where it leads.`,
        ),
      );
    else if (kind)
      once(
        reason(
          f,
          'LINK_FREE_HOSTING',
          `A link leads to ${host}, on ${kind.service}, where anyone can publish a page.`,
        ),
      );
    const tld = riskyTld(host);
    if (tld)
      once(
        reason(
          f,
          'LINK_RISKY_TLD',
          `A link leads to ${host}, under .${tld}, a top-level domain much used for phishing.`,
        ),
      );
  }
  return out;
};
