// The relay's request and upstream statistics: recorded in memory, flushed to relay_stats, read back
// for the console, purged after 30 days.
export { BUCKET_BOUNDS_MS, quantile } from './histogram.js';
export { relayMigrations } from './migrations/index.js';
export {
  type RecorderOptions,
  type RelayStatsSink,
  RelayStatsRecorder,
  type RequestOutcome,
} from './recorder.js';
export { countThrottle, RequestTally } from './request-tally.js';
export {
  addStats,
  type HourSum,
  purgeRelayStats,
  RELAY_STATS_KEEP_DAYS,
  type RouteSum,
  type StatsRow,
  type StatsSum,
  statsByHour,
  statsByRoute,
} from './store.js';
