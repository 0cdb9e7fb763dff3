// The `/tiles/tile-data` answer: the fields every tile carries (tile_id, period, cache_scope,
// hide_legend, observed_time, valid_time) around the data of its chart type. Field names and shapes
// follow the public relay modules' tile data, e.g. CiscoSecurity/tr-05-serverless-guardduty
// (api/tiles/factory.py `tile_data()`, api/dashboard.py, tests/unit/payloads_for_tests.py).
import type { Tile, TileId } from './catalogue.js';
import { categoryBars } from './category-bars.js';
import { dailyBars } from './daily-bars.js';
import { type TimeWindow, timeRange } from './periods.js';
import type { HuntingRow } from './rows.js';
import { severityMetrics } from './severity-metrics.js';
import { sourceDonut } from './source-donut.js';

/** A chart's own fields, and how many result rows were unreadable and left out. */
export interface ChartFields {
  fields: Record<string, unknown>;
  skippedRows: number;
}

type Builder = (rows: readonly HuntingRow[], w: TimeWindow) => ChartFields;

const BUILDERS: Record<TileId, Builder> = {
  'alerts-by-severity': severityMetrics,
  'alerts-by-source': sourceDonut,
  'alerts-per-day': dailyBars,
  'top-alert-categories': categoryBars,
};

export interface TileDataResult {
  data: Record<string, unknown>;
  skippedRows: number;
}

export function buildTileData(
  tile: Tile,
  period: string,
  w: TimeWindow,
  rows: readonly HuntingRow[],
): TileDataResult {
  const chart = BUILDERS[tile.id](rows, w);
  const range = timeRange(w);
  return {
    data: {
      tile_id: tile.id,
      period,
      // The data is the tenant's, the same for every user of the organisation's module.
      cache_scope: 'org',
      hide_legend: false,
      observed_time: range,
      valid_time: range,
      ...chart.fields,
    },
    skippedRows: chart.skippedRows,
  };
}
