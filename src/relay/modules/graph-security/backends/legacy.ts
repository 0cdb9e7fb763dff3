// Legacy backend: the retiring /security/alerts API, one $filter per observable as the seed does,
// but in parallel (bounded), deduplicated across observables, with one limit for the whole request.
// https://learn.microsoft.com/graph/api/alert-list
import {
  type GraphClient,
  GraphError,
  type LegacyAlert,
  listLegacyAlerts,
} from '../../../../connectors/microsoft/graph/index.js';
import type { Observable } from '../../../protocol/schemas.js';
import { failOrWarn } from '../errors.js';
import { legacyAlertFilter } from '../queries/legacy-filter.js';
import type { SearchOptions, SearchResult } from './types.js';

const CONCURRENCY = 5;

export async function searchLegacy(
  graph: GraphClient,
  observables: readonly Observable[],
  o: SearchOptions,
): Promise<SearchResult<LegacyAlert>> {
  const byId = new Map<string, { alert: LegacyAlert; matched: Observable[] }>();
  const errors: unknown[] = [];
  const queue = observables.filter((obs) => legacyAlertFilter(obs.type, obs.value) !== undefined);
  const worker = async () => {
    for (let obs = queue.shift(); obs; obs = queue.shift()) {
      try {
        const alerts = await listLegacyAlerts(
          graph,
          { filter: legacyAlertFilter(obs.type, obs.value), top: Math.min(1000, o.limit) },
          { signal: o.signal, wait: o.wait, deadlineAt: o.deadlineAt },
        );
        for (const alert of alerts) {
          const entry = byId.get(alert.id) ?? { alert, matched: [] };
          entry.matched.push(obs);
          byId.set(alert.id, entry);
        }
      } catch (e) {
        // The seed treats a 404 as "nothing found".
        if (!(e instanceof GraphError && e.status === 404)) errors.push(e);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const all = [...byId.values()].sort((a, b) =>
    (b.alert.eventDateTime ?? '').localeCompare(a.alert.eventDateTime ?? ''),
  );
  if (errors.length > 0)
    failOrWarn(errors[0], all.length > 0, o.warn, 'Some observables could not be searched');
  return { found: all.slice(0, o.limit), omitted: Math.max(0, all.length - o.limit) };
}
