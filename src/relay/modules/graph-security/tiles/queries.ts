// The one Advanced Hunting query behind each tile. Every query first keeps one row per alert, its latest
// (`arg_max(Timestamp, …) by AlertId`), because AlertInfo can hold several rows for one alert; the exact
// count() that follows counts each alert once in one group, where dcount() would be an estimate
// (HyperLogLog) and would count an alert whose severity changed in two groups.
// https://learn.microsoft.com/defender-xdr/advanced-hunting-alertinfo-table
// https://learn.microsoft.com/kusto/query/arg-max-aggregation-function
import type { TileId } from './catalogue.js';
import type { TimeWindow } from './periods.js';

/** Result column names the mapping reads back. */
export const COL = {
  alerts: 'Alerts',
  severity: 'Severity',
  service: 'ServiceSource',
  detection: 'DetectionSource',
  category: 'Category',
  day: 'Day',
} as const;

/** Tile id → the query text after the shared window filter. */
const BODIES: Record<TileId, string> = {
  'alerts-by-severity': `summarize arg_max(Timestamp, Severity) by AlertId
| summarize ${COL.alerts}=count() by Severity`,
  'alerts-by-source': `summarize arg_max(Timestamp, ServiceSource, DetectionSource) by AlertId
| summarize ${COL.alerts}=count() by ServiceSource, DetectionSource`,
  // The day an alert was first seen places it; its latest row gives the severity.
  'alerts-per-day': `summarize FirstSeen=min(Timestamp), arg_max(Timestamp, Severity) by AlertId
| summarize ${COL.alerts}=count() by ${COL.day}=bin(FirstSeen, 1d), Severity`,
  // Categories are MITRE tactics (a few dozen at most), so every category comes back and the top ten
  // are picked while mapping, with their severity split.
  'top-alert-categories': `summarize arg_max(Timestamp, Category, Severity) by AlertId
| summarize ${COL.alerts}=count() by Category, Severity`,
};

/** ISO 8601 with milliseconds; a valid KQL `datetime()` literal and Timespan end. */
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The query of `tileId` over `w`. The window is in the text as well as in the request's Timespan, so
 * the query means the same thing when an analyst copies it into the Defender portal.
 */
export function tileQuery(tileId: TileId, w: TimeWindow): string {
  return `AlertInfo
| where Timestamp between (datetime(${iso(w.startMs)}) .. datetime(${iso(w.endMs)}))
| ${BODIES[tileId]}`;
}

/** The runHuntingQuery `Timespan` of `w` ("start/end"), so the service scans only the period's rows. */
export function tileTimespan(w: TimeWindow): string {
  return `${iso(w.startMs)}/${iso(w.endMs)}`;
}
