// /refer/observables for Graph Security: per observable its Defender portal page and a prepared
// Advanced Hunting query (computed, no upstream call), plus the alerts and incidents that involve it
// (one hunting query and one $batch through the modern search, at most `alertLinks` of them).
import type { ReferItem } from '../../../protocol/refer.js';
import type { Observable } from '../../../protocol/schemas.js';
import type { FoundAlert } from '../backends/types.js';
import type { AlertV2 } from '../schemas.js';
import { huntingLink } from './hunting-link.js';
import { alertPage, incidentPage, portalPage } from './portal-pages.js';
import { preparedQuery } from './prepared-queries.js';

const CATEGORIES = ['Microsoft Defender', 'Search'];

export interface ReferTarget {
  portalUrl: string;
  tenantId: string;
}

/** Short, stable part of an id: the value itself can be long or hold any character. */
function idPart(obs: Observable): string {
  return `${obs.type}-${encodeURIComponent(obs.value)}`.slice(0, 200);
}

/** Links that need no upstream call: the entity page and the prepared hunting query. */
export function observableLinks(t: ReferTarget, observables: readonly Observable[]): ReferItem[] {
  const items: ReferItem[] = [];
  for (const obs of observables) {
    const label = obs.type.toUpperCase();
    const page = portalPage(t.portalUrl, t.tenantId, obs);
    if (page) {
      items.push({
        id: `ref-graph-security-page-${idPart(obs)}`,
        title: `Open this ${label} in Microsoft Defender`,
        description: `Open the ${page.entity} page for this ${label} in the Microsoft Defender portal`,
        url: page.url,
        categories: CATEGORIES,
      });
    }
    const query = preparedQuery(obs);
    if (query) {
      items.push({
        id: `ref-graph-security-hunt-${idPart(obs)}`,
        title: `Hunt for this ${label}`,
        description: `Open Advanced Hunting in Microsoft Defender with a query for this ${label} over the last 30 days`,
        url: huntingLink(t.portalUrl, t.tenantId, query, 'month'),
        categories: [...CATEGORIES, 'Advanced Hunting'],
      });
    }
  }
  return items;
}

/** Links to alerts found for the observables and to their incidents, each incident once. */
export function alertLinks(t: ReferTarget, found: readonly FoundAlert<AlertV2>[]): ReferItem[] {
  const items: ReferItem[] = [];
  const incidents = new Set<string>();
  for (const { alert, matched } of found) {
    const about = matched.map((m) => `${m.type} ${m.value}`).join(', ') || 'these observables';
    const title = (alert.title ?? alert.id).slice(0, 200);
    items.push({
      id: `ref-graph-security-alert-${encodeURIComponent(alert.id)}`,
      title: `Alert: ${title}`,
      description: `Open this ${alert.severity ?? 'unknown'}-severity alert involving ${about}`.slice(
        0,
        1024,
      ),
      url: httpsOr(alert.alertWebUrl, alertPage(t.portalUrl, t.tenantId, alert.id)),
      categories: ['Microsoft Defender', 'Alert'],
    });
    const incidentId = alert.incidentId;
    if (!incidentId || incidents.has(incidentId)) continue;
    incidents.add(incidentId);
    items.push({
      id: `ref-graph-security-incident-${encodeURIComponent(incidentId)}`,
      title: `Incident ${incidentId}`,
      description: `Open the incident that groups the alert "${title}"`.slice(0, 1024),
      url: httpsOr(alert.incidentWebUrl, incidentPage(t.portalUrl, t.tenantId, incidentId)),
      categories: ['Microsoft Defender', 'Incident'],
    });
  }
  return items;
}

/** Graph's own web URL when it is an https URL, else the one built from ids. */
function httpsOr(url: string | null | undefined, fallback: string): string {
  if (!url) return fallback;
  try {
    return new URL(url).protocol === 'https:' ? url : fallback;
  } catch {
    return fallback;
  }
}
