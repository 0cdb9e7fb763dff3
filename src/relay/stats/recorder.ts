// The relay's statistics in memory, per hour and (route, module, status, code), flushed to
// relay_stats every minute and on close by an upsert that adds, so instances share the rows. A failed
// flush keeps its counts for the next one. The Lambda handler runs without a recorder.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import type { Logger } from '../../platform/log.js';
import { BUCKET_COLUMNS, bucketOf } from './histogram.js';
import type { RequestTally } from './request-tally.js';
import { addStats, type StatsRow } from './store.js';

export interface RequestOutcome {
  route: string;
  module: string;
  status: number;
  code: string;
  tally?: RequestTally;
  upstreamFailed?: boolean;
}

/** What the relay routes report each answered request to. */
export interface RelayStatsSink {
  record(o: RequestOutcome): void;
}

export interface RecorderOptions {
  db: Kysely<Database>;
  logger: Logger;
  now?: () => number;
  flushEveryMs?: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Rows kept for a database that stays away: about a day of a busy relay; older minutes are dropped. */
const MAX_PENDING_ROWS = 20_000;

export class RelayStatsRecorder implements RelayStatsSink {
  readonly #o: Required<Omit<RecorderOptions, 'logger' | 'db'>> & RecorderOptions;
  #pending = new Map<string, StatsRow>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(o: RecorderOptions) {
    this.#o = { now: Date.now, flushEveryMs: MINUTE, ...o };
  }

  start(): void {
    this.#timer = setInterval(() => void this.flush(), this.#o.flushEveryMs);
    this.#timer.unref();
  }

  record(o: RequestOutcome): void {
    const hour = Math.floor(this.#o.now() / HOUR) * HOUR;
    const key = JSON.stringify([hour, o.route, o.module, o.status, o.code]);
    let row = this.#pending.get(key);
    if (!row) {
      row = emptyRow(hour, o);
      this.#pending.set(key, row);
    }
    row.requests++;
    const t = o.tally;
    if (t) {
      row.upstreamCalls += t.calls;
      row.upstreamThrottled += t.throttled;
      for (const ms of t.latencyMs) {
        row.upstreamMs += ms;
        row.buckets[bucketOf(ms)] = (row.buckets[bucketOf(ms)] ?? 0) + 1;
      }
    }
    if (o.upstreamFailed) row.upstreamFailed++;
  }

  /** Writes what was counted since the last flush; flushes never overlap. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#write());
    return this.#flushing;
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.flush();
  }

  async #write(): Promise<void> {
    if (this.#pending.size === 0) return;
    const rows = [...this.#pending.values()];
    this.#pending = new Map();
    try {
      await addStats(this.#o.db, rows);
    } catch (e) {
      // Statistics must not fail requests; the counts wait for the next flush instead of being lost.
      this.#o.logger.warn(
        { err: e, rows: rows.length },
        'relay statistics not written; retrying next minute',
      );
      const room = Math.max(0, MAX_PENDING_ROWS - this.#pending.size);
      const kept = rows.length > room ? [...rows].sort((a, b) => b.hour - a.hour).slice(0, room) : rows;
      if (kept.length < rows.length)
        this.#o.logger.warn({ dropped: rows.length - kept.length }, 'relay statistics of old hours dropped');
      for (const r of kept) this.#merge(r);
    }
  }

  #merge(r: StatsRow): void {
    const key = JSON.stringify([r.hour, r.route, r.module, r.status, r.code]);
    const into = this.#pending.get(key);
    if (!into) {
      this.#pending.set(key, r);
      return;
    }
    into.requests += r.requests;
    into.upstreamCalls += r.upstreamCalls;
    into.upstreamMs += r.upstreamMs;
    into.upstreamThrottled += r.upstreamThrottled;
    into.upstreamFailed += r.upstreamFailed;
    r.buckets.forEach((c, i) => {
      into.buckets[i] = (into.buckets[i] ?? 0) + c;
    });
  }
}

function emptyRow(hour: number, o: RequestOutcome): StatsRow {
  return {
    hour,
    route: o.route,
    module: o.module,
    status: o.status,
    code: o.code,
    requests: 0,
    upstreamCalls: 0,
    upstreamMs: 0,
    upstreamThrottled: 0,
    upstreamFailed: 0,
    buckets: new Array(BUCKET_COLUMNS.length).fill(0),
  };
}
