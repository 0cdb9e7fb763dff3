// Defender portal pages per observable type. The portal documents no URL scheme, so these are the
// addresses the portal itself shows in its address bar for entity pages (file, IP, URL, domain,
// device), the same ones Microsoft's own Sentinel and Defender integrations link to. Each page takes
// `tid` so an analyst signed in to several tenants lands in the right one.
import type { Observable } from '../../../protocol/schemas.js';

export interface PortalPage {
  /** What the page is about, for the title ("Open this file in Microsoft Defender"). */
  entity: string;
  url: string;
}

const SHA1 = /^[0-9a-f]{40}$/i;
const SHA256 = /^[0-9a-f]{64}$/i;
/** Defender for Endpoint device ids are SHA-1-shaped hex strings. */
const MACHINE_ID = /^[0-9a-f]{40}$/i;

type PageBuilder = (
  value: string,
) => { entity: string; path: string; query?: Record<string, string> } | undefined;

const PAGES: Record<string, PageBuilder> = {
  sha1: (v) => (SHA1.test(v) ? { entity: 'file', path: `file/${v.toLowerCase()}/overview` } : undefined),
  sha256: (v) => (SHA256.test(v) ? { entity: 'file', path: `file/${v.toLowerCase()}/overview` } : undefined),
  ip: (v) => ({ entity: 'IP address', path: `ip/${encodeURIComponent(v)}/overview` }),
  ipv6: (v) => ({ entity: 'IP address', path: `ip/${encodeURIComponent(v)}/overview` }),
  url: (v) => ({ entity: 'URL', path: 'url/overview', query: { url: v } }),
  domain: (v) => ({ entity: 'domain', path: 'domains/overview', query: { urlDomain: v } }),
  ms_machine_id: (v) =>
    MACHINE_ID.test(v) ? { entity: 'device', path: `machines/${v.toLowerCase()}/overview` } : undefined,
};

/** The portal page of an observable, or undefined when the portal has none for its type or value. */
export function portalPage(portalUrl: string, tenantId: string, obs: Observable): PortalPage | undefined {
  const page = PAGES[obs.type]?.(obs.value);
  if (!page) return undefined;
  const url = new URL(`${portalUrl}/${page.path}`);
  for (const [k, v] of Object.entries(page.query ?? {})) url.searchParams.set(k, v);
  url.searchParams.set('tid', tenantId);
  return { entity: page.entity, url: url.href };
}

/** Portal pages of one alert and its incident, from ids alone (when Graph gives no web URL). */
export function alertPage(portalUrl: string, tenantId: string, alertId: string): string {
  const url = new URL(`${portalUrl}/alerts/${encodeURIComponent(alertId)}`);
  url.searchParams.set('tid', tenantId);
  return url.href;
}

export function incidentPage(portalUrl: string, tenantId: string, incidentId: string): string {
  const url = new URL(`${portalUrl}/incidents/${encodeURIComponent(incidentId)}/overview`);
  url.searchParams.set('tid', tenantId);
  return url.href;
}
