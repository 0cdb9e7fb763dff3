// Dashboard tiles of the Graph Security module: the catalogue (`/tiles`, `/tiles/tile`) and tile data
// (`/tiles/tile-data`) from one Advanced Hunting query over AlertInfo per request.
// https://learn.microsoft.com/graph/api/security-security-runhuntingquery
import { type GraphClient, runHuntingQuery } from '../../../../connectors/microsoft/graph/index.js';
import { RELAY_CODES } from '../../../protocol/relay-error.js';
import type { SearchOptions } from '../backends/types.js';
import { type Tile, TILES, tileById } from './catalogue.js';
import { windowFor } from './periods.js';
import { tileQuery, tileTimespan } from './queries.js';
import { buildTileData } from './tile-data.js';

export { TILES, type Tile, type TileId, tileById } from './catalogue.js';

export function tileList(): Tile[] {
  return TILES.map((t) => ({ ...t, periods: [...t.periods], tags: [...t.tags] }));
}

/**
 * Checks the tile id and period first (no Graph call for a bad argument), runs the tile's query over
 * the period and maps the rows. Unreadable rows are left out with one warning, not a failed tile.
 */
export async function loadTileData(
  graph: GraphClient,
  tileId: string,
  period: string,
  o: Pick<SearchOptions, 'signal' | 'deadlineAt' | 'wait' | 'warn'>,
  nowMs: number = Date.now(),
): Promise<Record<string, unknown>> {
  const tile = tileById(tileId);
  const w = windowFor(period, tile.periods, nowMs);
  const query = tileQuery(tile.id, w);
  const rows = await runHuntingQuery(
    graph,
    { query, timespan: tileTimespan(w) },
    { signal: o.signal, wait: o.wait, deadlineAt: o.deadlineAt },
  );
  const { data, skippedRows } = buildTileData(tile, period, w, rows);
  if (skippedRows > 0) {
    o.warn(
      RELAY_CODES.UPSTREAM,
      `${skippedRows} Advanced Hunting result row${skippedRows === 1 ? ' was' : 's were'} unreadable and left out of the tile.`,
    );
  }
  return data;
}
