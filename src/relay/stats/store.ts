// All SQL of the relay's statistics: the adding upsert, the range reads the console page needs (by
// route, by hour) and the retention purge.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import { BUCKET_COLUMNS } from './histogram.js';
import { type RelayStatsTable, relayDb } from './tables.js';

export interface StatsRow {
  /** Epoch ms of the hour's start (UTC). */
  hour: number;
  route: string;
  module: string;
  status: number;
  code: string;
  requests: number;
  upstreamCalls: number;
  upstreamMs: number;
  upstreamThrottled: number;
  upstreamFailed: number;
  /** Counts per histogram bucket, in BUCKET_COLUMNS order. */
  buckets: number[];
}

/** Rows per statement: 20 parameters each stays far below either dialect's limit. */
const CHUNK = 200;
const ADDED = [
  'requests',
  'upstream_calls',
  'upstream_ms',
  'upstream_throttled',
  'upstream_failed',
  ...BUCKET_COLUMNS,
] as const;
type Added = (typeof ADDED)[number];

/** Adds the rows' counts into relay_stats: a new key is inserted, an existing one summed into. */
export async function addStats(db: Kysely<Database>, rows: readonly StatsRow[]): Promise<void> {
  const rdb = relayDb(db);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows.slice(i, i + CHUNK).map((r) => {
      const v: RelayStatsTable = {
        hour: r.hour,
        route: r.route,
        module: r.module,
        status: r.status,
        code: r.code,
        requests: r.requests,
        upstream_calls: r.upstreamCalls,
        upstream_ms: r.upstreamMs,
        upstream_throttled: r.upstreamThrottled,
        upstream_failed: r.upstreamFailed,
        ...(Object.fromEntries(BUCKET_COLUMNS.map((c, b) => [c, r.buckets[b] ?? 0])) as Pick<
          RelayStatsTable,
          (typeof BUCKET_COLUMNS)[number]
        >),
      };
      return v;
    });
    await rdb
      .insertInto('relay_stats')
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(['hour', 'route', 'module', 'status', 'code'])
          .doUpdateSet(
            (eb) =>
              Object.fromEntries(
                ADDED.map((c) => [c, eb(eb.ref(`relay_stats.${c}`), '+', eb.ref(`excluded.${c}`))]),
              ) as Record<Added, never>,
          ),
      )
      .execute();
  }
}

export interface StatsSum {
  requests: number;
  upstreamCalls: number;
  upstreamMs: number;
  upstreamThrottled: number;
  upstreamFailed: number;
  buckets: number[];
}

export interface RouteSum extends StatsSum {
  route: string;
  module: string;
  status: number;
  code: string;
}

export interface HourSum extends StatsSum {
  hour: number;
  status: number;
  code: string;
}

const sums = (rdb: ReturnType<typeof relayDb>) => ADDED.map((c) => rdb.fn.sum<number | string>(c).as(c));

function toSum(r: Record<string, unknown>): StatsSum {
  return {
    requests: Number(r.requests ?? 0),
    upstreamCalls: Number(r.upstream_calls ?? 0),
    upstreamMs: Number(r.upstream_ms ?? 0),
    upstreamThrottled: Number(r.upstream_throttled ?? 0),
    upstreamFailed: Number(r.upstream_failed ?? 0),
    buckets: BUCKET_COLUMNS.map((c) => Number(r[c] ?? 0)),
  };
}

/** Sums per (route, module, status, code) of the hours starting in [since, until). */
export async function statsByRoute(db: Kysely<Database>, since: number, until: number): Promise<RouteSum[]> {
  const rdb = relayDb(db);
  const rows = await rdb
    .selectFrom('relay_stats')
    .select(['route', 'module', 'status', 'code', ...sums(rdb)])
    .where('hour', '>=', since)
    .where('hour', '<', until)
    .groupBy(['route', 'module', 'status', 'code'])
    .execute();
  return rows.map((r) => ({
    route: r.route,
    module: r.module,
    status: Number(r.status),
    code: r.code,
    ...toSum(r as Record<string, unknown>),
  }));
}

/** Sums per (hour, status, code) of the hours starting in [since, until); hours are epoch ms. */
export async function statsByHour(db: Kysely<Database>, since: number, until: number): Promise<HourSum[]> {
  const rdb = relayDb(db);
  const rows = await rdb
    .selectFrom('relay_stats')
    .select(['hour', 'status', 'code', ...sums(rdb)])
    .where('hour', '>=', since)
    .where('hour', '<', until)
    .groupBy(['hour', 'status', 'code'])
    .execute();
  return rows.map((r) => ({
    hour: Number(r.hour),
    status: Number(r.status),
    code: r.code,
    ...toSum(r as Record<string, unknown>),
  }));
}

/** Deletes hours that started before `before`; the housekeeping unit calls it with 30 days ago. */
export async function purgeRelayStats(db: Kysely<Database>, before: number): Promise<number> {
  const r = await relayDb(db).deleteFrom('relay_stats').where('hour', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** How long relay statistics are kept. */
export const RELAY_STATS_KEEP_DAYS = 30;
