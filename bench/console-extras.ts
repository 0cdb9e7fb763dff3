// The relay's and the threat-intel sync's rows for the console's bench, so /relay and /intel (and the
// overview's charts) read tables that look like a running instance's, not empty ones:
//   relay_stats  every minute of the last few days, a handful of (route, status, code) rows each,
//                added through the relay's own upsert (store.ts), latency spread over the buckets;
//   intel_runs   each source's read and each (source, sink) pair every few hours over two weeks,
//                finished, with counts shaped as the engine writes them (engine/counts.ts).
// Deterministic for a seed, like console-seed.ts.
import type { Store } from '../src/platform/db/index.js';
import { emptySinkCounts, emptySourceCounts } from '../src/intel/engine/counts.js';
import { intelDb } from '../src/intel/store/tables.js';
import { addStats, type StatsRow } from '../src/relay/stats/index.js';
import { mulberry32 } from './console-seed.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
const BUCKETS = 10;
/** Per minute: the routes Threat Response calls most, and how their answers end. */
const RELAY_ROUTES = ['/observe/observables', '/deliberate/observables', '/refer/observables'];
const RELAY_OUTCOMES: ReadonlyArray<{ status: number; code: string; share: number }> = [
  { status: 200, code: '', share: 0.9 },
  { status: 200, code: 'too many requests', share: 0.05 },
  { status: 401, code: 'invalid jwt', share: 0.03 },
  { status: 500, code: 'unexpected error', share: 0.02 },
];

/**
 * Relay statistics for the `days` before `now`, drawn minute by minute as traffic comes and added up
 * into the table's hour rows (one statement must not name a row twice); returns the rows written.
 */
export async function seedRelayStats(
  store: Pick<Store, 'db'>,
  o: { days: number; now: number; seed?: number },
): Promise<number> {
  const rand = mulberry32(o.seed ?? 15);
  const last = Math.floor(o.now / MINUTE) * MINUTE;
  const rows = new Map<string, StatsRow>();
  for (let minute = last - o.days * DAY; minute <= last; minute += MINUTE) {
    for (const route of RELAY_ROUTES) {
      for (const outcome of RELAY_OUTCOMES) {
        // Most minutes see only successes; the rarer outcomes turn up in about one minute in five.
        if (outcome.share < 0.5 && rand() > 0.2) continue;
        const requests = 1 + Math.floor(rand() * 20 * outcome.share);
        const calls = outcome.status === 401 ? 0 : requests * 2;
        const buckets = new Array<number>(BUCKETS).fill(0);
        for (let c = 0; c < calls; c++) {
          const b = Math.min(BUCKETS - 1, Math.floor(rand() ** 2 * 6));
          buckets[b] = (buckets[b] ?? 0) + 1;
        }
        const hour = Math.floor(minute / HOUR) * HOUR;
        const key = `${hour}|${route}|${outcome.status}|${outcome.code}`;
        const row = rows.get(key) ?? {
          hour,
          route,
          module: 'graph-security',
          status: outcome.status,
          code: outcome.code,
          requests: 0,
          upstreamCalls: 0,
          upstreamMs: 0,
          upstreamThrottled: 0,
          upstreamFailed: 0,
          buckets: new Array<number>(BUCKETS).fill(0),
        };
        row.requests += requests;
        row.upstreamCalls += calls;
        row.upstreamMs += calls * (40 + rand() * 200);
        row.upstreamThrottled += outcome.code === 'too many requests' ? requests : 0;
        row.upstreamFailed += outcome.status >= 500 ? requests : 0;
        buckets.forEach((n, i) => {
          row.buckets[i] = (row.buckets[i] ?? 0) + n;
        });
        rows.set(key, row);
      }
    }
  }
  await addStats(store.db, [...rows.values()]);
  return rows.size;
}

/** Finished runs of each read and pair, every `everyHours` over the `days` before `now`; returns the count. */
export async function seedIntelRuns(
  store: Pick<Store, 'db'>,
  o: { days: number; everyHours: number; now: number; sources: string[]; sinks: string[]; seed?: number },
): Promise<number> {
  const rand = mulberry32(o.seed ?? 16);
  const db = intelDb(store.db);
  const rows = [];
  for (let at = o.now - o.days * DAY; at < o.now; at += o.everyHours * 3_600_000) {
    for (const source of o.sources) {
      const read = { ...emptySourceCounts(), pages: 3, read: 300, new: Math.floor(rand() * 40) };
      rows.push(run(source, null, at, 'ok', read));
      for (const sink of o.sinks) {
        const refused = rand() < 0.1 ? 1 + Math.floor(rand() * 3) : 0;
        const counts = {
          ...emptySinkCounts(),
          new: Math.floor(rand() * 40),
          updated: Math.floor(rand() * 10),
          unchanged: 250,
          refused,
          calls: 3,
          refusals: Array.from({ length: refused }, (_, i) => ({
            key: `${source}|domain|refused-${i}.example`,
            error: 'GSOC_INTEL_SINK_REFUSED: the value is not a valid domain',
          })),
        };
        rows.push(run(source, sink, at + 60_000, refused > 0 ? 'refused' : 'ok', counts));
      }
    }
  }
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('intel_runs')
      .values(rows.slice(i, i + 200))
      .execute();
  return rows.length;
}

function run(source: string, sink: string | null, at: number, outcome: string, counts: unknown) {
  return {
    source,
    sink,
    started_at: at,
    finished_at: at + 30_000,
    dry_run: 0,
    outcome,
    counts: JSON.stringify(counts),
    error: null,
  };
}
