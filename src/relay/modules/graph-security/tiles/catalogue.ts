// The dashboard tiles this module offers, as `/tiles` lists them and `/tiles/tile` describes one.
// Tile object fields (id, type, title, description, short_description, periods, default_period, tags)
// follow the public Threat Response relay modules, e.g. CiscoSecurity/tr-05-serverless-guardduty
// (api/tiles/factory.py `tile()`, api/tiles/*.py for the types used here).
// AlertInfo has no status column, so an "open vs resolved" tile is left out: the hunting data cannot
// answer it, and alerts_v2 paging would cost far more than one query per tile.
import { invalidTileArgument } from './errors.js';
import type { Period } from './periods.js';

export type TileType = 'metric_group' | 'donut_graph' | 'vertical_bar_chart' | 'horizontal_bar_chart';

/** Every tile id; query and chart tables are keyed by it, so a tile without either does not compile. */
export type TileId = 'alerts-by-severity' | 'alerts-by-source' | 'alerts-per-day' | 'top-alert-categories';

export interface Tile {
  id: TileId;
  type: TileType;
  title: string;
  description: string;
  short_description: string;
  periods: Period[];
  default_period: Period;
  tags: string[];
}

const ALL_PERIODS: Period[] = ['last_hour', 'last_24_hours', 'last_7_days', 'last_30_days'];

export const TILES: readonly Tile[] = [
  {
    id: 'alerts-by-severity',
    type: 'metric_group',
    title: 'Microsoft Defender alerts by severity',
    description:
      'Number of Microsoft Defender XDR alerts raised or updated in the period, by their current severity (Advanced Hunting AlertInfo).',
    short_description: 'Alerts per severity',
    periods: ALL_PERIODS,
    default_period: 'last_7_days',
    tags: ['alerts', 'severity', 'microsoft-defender'],
  },
  {
    id: 'alerts-by-source',
    type: 'donut_graph',
    title: 'Microsoft Defender alerts by source',
    description:
      'Alerts of the period by the product that raised them (service source), split by detection source.',
    short_description: 'Alerts per service and detection source',
    periods: ALL_PERIODS,
    default_period: 'last_7_days',
    tags: ['alerts', 'source', 'microsoft-defender'],
  },
  {
    id: 'alerts-per-day',
    type: 'vertical_bar_chart',
    title: 'Microsoft Defender alerts per day',
    description:
      'Alerts first seen on each UTC day of the period, stacked by severity. The first and last days can be partial.',
    short_description: 'Alerts per day by severity',
    periods: ['last_7_days', 'last_30_days'],
    default_period: 'last_7_days',
    tags: ['alerts', 'timeline', 'microsoft-defender'],
  },
  {
    id: 'top-alert-categories',
    type: 'horizontal_bar_chart',
    title: 'Top Microsoft Defender alert categories',
    description: 'The ten alert categories (attack tactics) with the most alerts in the period, by severity.',
    short_description: 'Top alert categories',
    periods: ALL_PERIODS,
    default_period: 'last_7_days',
    tags: ['alerts', 'category', 'microsoft-defender'],
  },
];

export function tileById(id: string): Tile {
  const tile = TILES.find((t) => t.id === id);
  if (!tile) throw invalidTileArgument(`Invalid tile id '${id}'`);
  return tile;
}
