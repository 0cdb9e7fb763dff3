// The domain of a mail address and dot-boundary domain matching: what the parser needs to tell a
// forward from inside, and what analysis uses for allow-lists and sender domains.

export const domainOfEmail = (address: string): string =>
  address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** `host` is `domain` or one of its subdomains (dot boundary: paypal.com.attacker.com is not paypal.com). */
export const withinDomain = (host: string, domain: string): boolean =>
  host === domain || host.endsWith(`.${domain}`);
