// Per-tenant security data: alerts_v2, incidents and legacy alerts, kept as the Graph JSON a client reads.
// Incidents link alerts through each alert's incidentId, as Graph does; the hunting tables derived from
// the alerts are cached until the tenant's data changes.
import { PerTenant } from '../shared/per-key.js';
import { Throttle, type ThrottleSettings } from '../graph/throttle.js';

export type GraphObject = Record<string, unknown> & { id: string };

export interface SecurityData {
  alertsV2?: Array<Record<string, unknown>>;
  incidents?: Array<Record<string, unknown>>;
  legacyAlerts?: Array<Record<string, unknown>>;
}

/** Advanced hunting allows "at least 45 calls per minute per tenant".
 * https://learn.microsoft.com/defender-xdr/api-advanced-hunting */
export const DEFAULT_HUNTING_THROTTLE: ThrottleSettings = { capacity: 45, refillPerSec: 45 / 60 };

export class TenantSecurity {
  readonly alertsV2 = new Map<string, GraphObject>();
  readonly incidents = new Map<string, GraphObject>();
  readonly legacyAlerts = new Map<string, GraphObject>();
  /** Bumped on every change so derived views (sorted lists, hunting tables) know when to rebuild. */
  version = 0;
  private sorted = new Map<string, { version: number; list: GraphObject[] }>();
  private derived = new Map<string, { version: number; value: unknown }>();

  add(data: SecurityData): void {
    for (const raw of data.incidents ?? []) {
      const { alerts, ...incident } = raw;
      const stored = withId(incident);
      this.incidents.set(stored.id, stored);
      // An export made with $expand=alerts carries its alerts inline; keep them as alerts of this incident.
      if (Array.isArray(alerts)) {
        for (const a of alerts) {
          if (isRecord(a)) this.putAlert({ ...a, incidentId: a.incidentId ?? stored.id });
        }
      }
    }
    for (const raw of data.alertsV2 ?? []) this.putAlert(raw);
    for (const raw of data.legacyAlerts ?? []) {
      const stored = withId(raw);
      this.legacyAlerts.set(stored.id, stored);
    }
    this.version += 1;
  }

  /** Alerts newest first ("the most recent alerts are displayed at the top of the list"). */
  alertsNewestFirst(): GraphObject[] {
    return this.sortedBy('alertsV2', this.alertsV2, 'createdDateTime');
  }

  incidentsNewestFirst(): GraphObject[] {
    return this.sortedBy('incidents', this.incidents, 'createdDateTime');
  }

  legacyNewestFirst(): GraphObject[] {
    return this.sortedBy('legacy', this.legacyAlerts, 'createdDateTime');
  }

  alertsOfIncident(incidentId: string): GraphObject[] {
    return this.alertsNewestFirst().filter((a) => String(a.incidentId ?? '') === incidentId);
  }

  /** A value computed from this tenant's data, rebuilt only after a change. */
  cached<T>(key: string, build: () => T): T {
    const hit = this.derived.get(key);
    if (hit && hit.version === this.version) return hit.value as T;
    const value = build();
    this.derived.set(key, { version: this.version, value });
    return value;
  }

  private putAlert(raw: Record<string, unknown>): void {
    const stored = withId(raw);
    this.alertsV2.set(stored.id, { '@odata.type': '#microsoft.graph.security.alert', ...stored });
  }

  private sortedBy(key: string, map: Map<string, GraphObject>, prop: string): GraphObject[] {
    const hit = this.sorted.get(key);
    if (hit && hit.version === this.version) return hit.list;
    const keyed = [...map.values()].map((o) => ({ o, t: timeOf(o[prop]) }));
    const list = keyed.sort((a, b) => b.t - a.t).map((k) => k.o);
    this.sorted.set(key, { version: this.version, list });
    return list;
  }
}

export class SecurityState {
  private readonly tenants = new PerTenant(() => new TenantSecurity());
  /** One bucket per tenant (the app id part of the key is fixed). */
  readonly huntingThrottle = new Throttle(DEFAULT_HUNTING_THROTTLE);

  of(tenantId: string): TenantSecurity {
    return this.tenants.of(tenantId);
  }

  clear(): void {
    this.tenants.clear();
    this.huntingThrottle.reset();
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function withId(raw: Record<string, unknown>): GraphObject {
  if (typeof raw.id !== 'string' || raw.id === '') throw new Error('every security object needs a string id');
  return raw as GraphObject;
}

function timeOf(v: unknown): number {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isNaN(t) ? 0 : t;
}
