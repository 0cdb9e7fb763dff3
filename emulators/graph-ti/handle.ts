// The tiIndicators part of the emulator handle: read back a tenant's indicators (all apps', or one
// app's), count them per externalId so a test sees a double at once, and lower Defender's limit.
import type { EmulatorContext } from '../microsoft/context.js';
import { render } from './ingest.js';
import { tiOf } from './store.js';

export interface TiIndicatorEmulatorApi {
  /** A tenant's tiIndicators as Graph returns them, oldest first; only `appId`'s when given. */
  tiIndicators(tenantId: string, appId?: string): Array<Record<string, unknown>>;
  /** How many indicators each externalId has in a tenant (more than 1: the API doubled it). */
  tiIndicatorCounts(tenantId: string, appId?: string): Record<string, number>;
  /** The per-tenant limit for the Defender ATP target (default 15,000; reset returns to it). */
  setTiIndicatorLimit(perTenant: number): void;
}

export function tiHandle(ctx: EmulatorContext): TiIndicatorEmulatorApi {
  const of = (tenantId: string, appId?: string) =>
    tiOf(ctx)
      .tenants.of(tenantId)
      .all()
      .filter((s) => appId === undefined || s.appId === appId)
      .map((s) => s.entity);
  return {
    tiIndicators: (tenantId, appId) => of(tenantId, appId).map((e) => structuredClone(render(e))),
    tiIndicatorCounts: (tenantId, appId) => {
      const counts: Record<string, number> = {};
      for (const e of of(tenantId, appId)) {
        const key = typeof e.externalId === 'string' ? e.externalId : '';
        counts[key] = (counts[key] ?? 0) + 1;
      }
      return counts;
    },
    setTiIndicatorLimit: (perTenant) => {
      tiOf(ctx).mdeLimit = perTenant;
    },
  };
}
