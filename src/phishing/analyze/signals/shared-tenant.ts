// Services where anyone opens a tenant under a name of their choosing, and mails from it: a help desk
// (acme.zendesk.com) or a Microsoft 365 trial (acme.onmicrosoft.com). Real companies use them too, so
// a sender there is a weak sign; a phish uses them for a sender that passes SPF, DKIM and DMARC.
const PLATFORMS = ['zendesk.com', 'freshdesk.com', 'onmicrosoft.com'];

/** The platform a sender domain is a tenant of (a subdomain of it), or null. */
export function sharedTenantOf(domain: string): string | null {
  const d = domain.toLowerCase();
  return PLATFORMS.find((p) => d.endsWith(`.${p}`)) ?? null;
}
