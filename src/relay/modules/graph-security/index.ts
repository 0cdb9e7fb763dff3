// The Microsoft Graph Security relay module: observables in, CTIM sightings out, from Defender alerts
// through Advanced Hunting + alerts_v2 (modern) or the retiring /security/alerts API (legacy).
import type { RelayConfig } from '../../../platform/config/index.js';
import { bundle } from '../../ctim/index.js';
import { defineModule, type RelayModule } from '../../module.js';
import { RELAY_CODES } from '../../protocol/relay-error.js';
import { searchLegacy } from './backends/legacy.js';
import { searchModern } from './backends/modern.js';
import { GraphClients } from './clients.js';
import { relayErrorFrom } from './errors.js';
import { entitiesLimit } from './limit.js';
import { sightingFromAlertV2 } from './mapping/alert-v2.js';
import { sightingFromLegacyAlert } from './mapping/legacy-alert.js';
import { judgementsFor } from './mapping/verdicts.js';
import { HUNTING_TYPES } from './queries/hunting.js';
import { LEGACY_TYPES } from './queries/legacy-filter.js';
import { alertV2ListSchema, claimsSchema, legacyAlertListSchema } from './schemas.js';

export interface GraphSecurityModule {
  module: RelayModule;
  close(): Promise<void>;
}

export function graphSecurityModule(settings: RelayConfig['graphSecurity']): GraphSecurityModule {
  const clients = new GraphClients(settings);
  const modern = settings.backend === 'modern';
  const module = defineModule({
    name: 'graph-security',
    title: 'Microsoft Graph Security',
    claims: claimsSchema,
    observableTypes: modern ? HUNTING_TYPES : LEGACY_TYPES,
    async health(ctx) {
      const graph = clients.for(ctx.claims);
      const opts = { signal: ctx.signal, deadlineAt: ctx.deadlineAt };
      try {
        if (modern)
          await graph.get('/security/alerts_v2', alertV2ListSchema, { ...opts, query: { $top: 1 } });
        else await graph.get('/security/alerts', legacyAlertListSchema, { ...opts, query: { $top: 1 } });
      } catch (e) {
        throw relayErrorFrom(e);
      }
    },
    async observe(ctx, observables) {
      const graph = clients.for(ctx.claims);
      const limit = entitiesLimit(ctx.claims.CTR_ENTITIES_LIMIT, settings);
      const o = {
        limit,
        lookbackDays: settings.lookbackDays,
        signal: ctx.signal,
        deadlineAt: ctx.deadlineAt,
        warn: ctx.warn,
      };
      try {
        const found = modern
          ? await searchModern(graph, observables, o)
          : await searchLegacy(graph, observables, o);
        const sightings = modern
          ? (found as Awaited<ReturnType<typeof searchModern>>).found.map((f) =>
              sightingFromAlertV2(f.alert, f.matched),
            )
          : (found as Awaited<ReturnType<typeof searchLegacy>>).found.map((f) =>
              sightingFromLegacyAlert(f.alert, f.matched),
            );
        if (found.omitted > 0) {
          ctx.warn(
            RELAY_CODES.TRUNCATED,
            `Showing ${sightings.length} of ${sightings.length + found.omitted} matching alerts; raise CTR_ENTITIES_LIMIT (at most ${settings.maxLimit}) to see more.`,
          );
        }
        return bundle({ sightings });
      } catch (e) {
        throw relayErrorFrom(e);
      }
    },
    // Evidence verdicts exist only in alerts_v2, so deliberate always searches the modern way.
    async deliberate(ctx, observables) {
      const graph = clients.for(ctx.claims);
      const limit = entitiesLimit(ctx.claims.CTR_ENTITIES_LIMIT, settings);
      try {
        const found = await searchModern(graph, observables, {
          limit,
          lookbackDays: settings.lookbackDays,
          signal: ctx.signal,
          deadlineAt: ctx.deadlineAt,
          warn: ctx.warn,
        });
        return bundle(judgementsFor(found.found));
      } catch (e) {
        throw relayErrorFrom(e);
      }
    },
  });
  return { module, close: () => clients.close() };
}
