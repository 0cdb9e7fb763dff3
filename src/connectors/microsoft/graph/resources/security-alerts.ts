// Security alerts: alerts_v2 (list, one by id, and the $batch items that read many by id) and the
// legacy /security/alerts list, retiring during 2026 (reference/relay.md §6).
// https://learn.microsoft.com/graph/api/resources/security-alert
import type { z } from 'zod';
import { safePath } from '../../../../platform/http/index.js';
import type { GraphClient } from '../client.js';
import { alertV2Schema, legacyAlertSchema, pageSchema } from '../schemas.js';
import type { AlertV2, BatchItem, GraphCallOptions } from '../types.js';

const alertV2Path = (id: string) => safePath`/security/alerts_v2/${id}`;

export interface AlertQuery {
  /** An OData $filter; see each list's documentation for the properties it filters on. */
  filter?: string | undefined;
  top?: number;
}

/** Reads the first page of the alert list at `path`, items parsed with `item` (a list resource). */
function firstPage<S extends z.ZodType>(path: string, item: S) {
  const schema = pageSchema(item);
  return async (graph: GraphClient, q: AlertQuery = {}, o: GraphCallOptions = {}): Promise<z.output<S>[]> => {
    const page = await graph.get(path, schema, {
      ...o,
      query: { ...o.query, $filter: q.filter, $top: q.top },
    });
    return page.value as z.output<S>[];
  };
}

/** One page of alerts_v2. @link https://learn.microsoft.com/graph/api/security-list-alerts_v2 */
export const listAlerts = firstPage('/security/alerts_v2', alertV2Schema);

/** @link https://learn.microsoft.com/graph/api/security-alert-get */
export async function getAlert(graph: GraphClient, id: string, o?: GraphCallOptions): Promise<AlertV2> {
  return graph.get(alertV2Path(id), alertV2Schema, o);
}

/**
 * The $batch items that read these alerts_v2 by id, in order; parse each answer's body with
 * alertV2Schema. @link https://learn.microsoft.com/graph/json-batching
 */
export function alertBatchItems(ids: readonly string[]): BatchItem[] {
  return ids.map((id) => ({ method: 'GET', url: alertV2Path(id) }));
}

/** One page of legacy alerts. @link https://learn.microsoft.com/graph/api/alert-list */
export const listLegacyAlerts = firstPage('/security/alerts', legacyAlertSchema);
