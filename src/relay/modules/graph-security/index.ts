// The Microsoft Graph Security relay module: observables in, CTIM sightings out, from Defender alerts
// through Advanced Hunting + alerts_v2 (modern) or the retiring /security/alerts API (legacy).
import { type GraphClient, listAlerts, listLegacyAlerts } from '../../../connectors/microsoft/graph/index.js';
import type { RelayConfig } from '../../config.js';
import { bundle } from '../../ctim/index.js';
import { defineModule, type RelayContext, type RelayModule } from '../../module.js';
import { RELAY_CODES } from '../../protocol/relay-error.js';
import type { Observable } from '../../protocol/schemas.js';
import { searchLegacy } from './backends/legacy.js';
import { searchModern } from './backends/modern.js';
import type { SearchOptions } from './backends/types.js';
import { alertCaches, defenderClients, graphClients } from './clients.js';
import { relayErrorFrom } from './errors.js';
import { entitiesLimit } from './limit.js';
import { sightingFromAlertV2 } from './mapping/alert-v2.js';
import { sightingsOf } from './mapping/each-alert.js';
import { sightingFromLegacyAlert } from './mapping/legacy-alert.js';
import { judgementsFor } from './mapping/verdicts.js';
import { alertLinks, observableLinks } from './refer/index.js';
import { loadTileData, tileById, tileList } from './tiles/index.js';
import { HUNTING_TYPES } from './queries/hunting.js';
import { LEGACY_TYPES } from './queries/legacy-filter.js';
import { respondHandlers } from './respond/handlers.js';
import { claimsSchema, type GraphSecurityClaims } from './schemas.js';

export interface GraphSecurityModule {
  module: RelayModule;
  close(): Promise<void>;
}

export function graphSecurityModule(settings: RelayConfig['graphSecurity']): GraphSecurityModule {
  const clients = graphClients(settings);
  const defender = defenderClients(settings);
  const caches = alertCaches(settings);
  const modern = settings.backend === 'modern';
  type Ctx = RelayContext<GraphSecurityClaims>;

  /** Runs a handler with the token's Graph client; every upstream failure leaves as a relay error. */
  const withGraph = async <T>(
    ctx: Ctx,
    run: (graph: GraphClient, o: SearchOptions) => Promise<T>,
  ): Promise<T> => {
    const o: SearchOptions = {
      limit: entitiesLimit(ctx.claims.CTR_ENTITIES_LIMIT, settings),
      lookbackDays: settings.lookbackDays,
      signal: ctx.signal,
      deadlineAt: ctx.deadlineAt,
      wait: ctx.upstream,
      alertCache: caches.for(ctx.claims),
      warn: ctx.warn,
    };
    try {
      return await run(clients.for(ctx.claims), o);
    } catch (e) {
      throw relayErrorFrom(e);
    }
  };

  const findSightings = async (graph: GraphClient, observables: Observable[], o: SearchOptions) => {
    if (modern) {
      const r = await searchModern(graph, observables, o);
      return { sightings: sightingsOf(r.found, sightingFromAlertV2, o.warn), omitted: r.omitted };
    }
    const r = await searchLegacy(graph, observables, o);
    return { sightings: sightingsOf(r.found, sightingFromLegacyAlert, o.warn), omitted: r.omitted };
  };

  const module = defineModule({
    name: 'graph-security',
    title: 'Microsoft Graph Security',
    claims: claimsSchema,
    observableTypes: modern ? HUNTING_TYPES : LEGACY_TYPES,
    // Respond actions run through Defender for Endpoint: machines and indicators.
    ...respondHandlers(defender, { indicatorDays: settings.indicatorDays }),
    health: (ctx) =>
      withGraph(ctx, async (graph, o) => {
        const call = { signal: o.signal, deadlineAt: o.deadlineAt, wait: o.wait };
        if (modern) await listAlerts(graph, { top: 1 }, call);
        else await listLegacyAlerts(graph, { top: 1 }, call);
      }),
    observe: (ctx, observables) =>
      withGraph(ctx, async (graph, o) => {
        const { sightings, omitted } = await findSightings(graph, observables, o);
        if (omitted > 0) {
          ctx.warn(
            RELAY_CODES.TRUNCATED,
            `Showing ${sightings.length} of ${sightings.length + omitted} matching alerts; raise CTR_ENTITIES_LIMIT (at most ${settings.maxLimit}) to see more.`,
          );
        }
        return bundle({ sightings });
      }),
    refer: async (ctx, observables) => {
      const target = { portalUrl: settings.portalUrl, tenantId: ctx.claims.tenant_id };
      const links = observableLinks(target, observables);
      if (settings.referAlertLinks === 0) return links;
      try {
        const found = await withGraph(ctx, (graph, o) =>
          searchModern(graph, observables, { ...o, limit: settings.referAlertLinks }),
        );
        return [...alertLinks(target, found.found), ...links];
      } catch (e) {
        // The computed links are still worth answering with when Graph fails.
        const err = relayErrorFrom(e);
        ctx.warn(err.relayCode, `Alert links are missing: ${err.message}`);
        return links;
      }
    },
    // Evidence verdicts exist only in alerts_v2, so deliberate always searches the modern way.
    deliberate: (ctx, observables) =>
      withGraph(ctx, async (graph, o) =>
        bundle(judgementsFor((await searchModern(graph, observables, o)).found)),
      ),
    // Dashboard tiles come from Advanced Hunting whatever the backend (see tiles/).
    tiles: async () => tileList(),
    tile: async (_ctx, tileId) => tileById(tileId),
    tileData: (ctx, tileId, period) => withGraph(ctx, (graph, o) => loadTileData(graph, tileId, period, o)),
  });
  return {
    module,
    close: async () => {
      await Promise.all([clients.close(), defender.close(), caches.close()]);
    },
  };
}
