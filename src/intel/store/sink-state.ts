// What each sink holds of a source's indicators, read together with the staged copy in key order
// (the reconciliation's scan) and written one batch at a time, in the transaction that ends the
// batch. Calls to sinks whose upsert is not idempotent are marked in flight before they start.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import { type IntelDb, intelDb, type SinkRecordStatus } from './tables.js';

export interface ScanRow {
  key: string;
  /** The staged indicator as JSON. */
  indicator: string;
  status: SinkRecordStatus | null;
  fingerprint: string | null;
  expiresAt: number | null;
  sinkId: string | null;
}

/** One record's new state after a batch. */
export interface StateWrite {
  key: string;
  status: SinkRecordStatus;
  fingerprint: string;
  expiresAt: number | null;
  sinkId: string | null;
  error: string | null;
}

const CHUNK = 200;

export class IntelSinkState {
  readonly #db: IntelDb;
  constructor(
    db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {
    this.#db = intelDb(db);
  }

  /** The next `limit` staged indicators after `afterKey`, each with what the sink holds of it. */
  async scan(source: string, sink: string, afterKey: string | null, limit: number): Promise<ScanRow[]> {
    let q = this.#db
      .selectFrom('intel_indicators as i')
      .leftJoin('intel_sink_state as s', (j) =>
        j.onRef('s.source', '=', 'i.source').onRef('s.key', '=', 'i.key').on('s.sink', '=', sink),
      )
      .select(['i.key', 'i.indicator', 's.status', 's.fingerprint', 's.expires_at', 's.sink_id'])
      .where('i.source', '=', source);
    if (afterKey !== null) q = q.where('i.key', '>', afterKey);
    return (await q.orderBy('i.key').limit(limit).execute()).map(toScanRow);
  }

  /** The staged indicators with these keys, each with what the sink holds of it (a capped sink's send pass). */
  async rowsByKeys(source: string, sink: string, keys: readonly string[]): Promise<ScanRow[]> {
    if (keys.length === 0) return [];
    const rows = await this.#db
      .selectFrom('intel_indicators as i')
      .leftJoin('intel_sink_state as s', (j) =>
        j.onRef('s.source', '=', 'i.source').onRef('s.key', '=', 'i.key').on('s.sink', '=', sink),
      )
      .select(['i.key', 'i.indicator', 's.status', 's.fingerprint', 's.expires_at', 's.sink_id'])
      .where('i.source', '=', source)
      .where('i.key', 'in', [...keys])
      .orderBy('i.key')
      .execute();
    return rows.map(toScanRow);
  }

  /** Writes the batch's outcomes and clears its in-flight marks, in one transaction. */
  async commit(source: string, sink: string, writes: readonly StateWrite[]): Promise<void> {
    if (writes.length === 0) return;
    const at = this.now();
    await this.#db.transaction().execute(async (tx) => {
      for (let i = 0; i < writes.length; i += CHUNK) {
        const part = writes.slice(i, i + CHUNK);
        await tx
          .insertInto('intel_sink_state')
          .values(
            part.map((w) => ({
              source,
              sink,
              key: w.key,
              status: w.status,
              fingerprint: w.fingerprint,
              expires_at: w.expiresAt,
              sink_id: w.sinkId,
              error: w.error,
              updated_at: at,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['source', 'sink', 'key']).doUpdateSet((eb) => ({
              status: eb.ref('excluded.status'),
              fingerprint: eb.ref('excluded.fingerprint'),
              expires_at: eb.ref('excluded.expires_at'),
              sink_id: eb.ref('excluded.sink_id'),
              error: eb.ref('excluded.error'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
        await tx
          .deleteFrom('intel_in_flight')
          .where('source', '=', source)
          .where('sink', '=', sink)
          .where(
            'key',
            'in',
            part.map((w) => w.key),
          )
          .execute();
      }
    });
  }

  /** Marks a batch as sent-but-unanswered before the call starts (sinks that need `recover`). */
  async markInFlight(source: string, sink: string, keys: readonly string[]): Promise<void> {
    const at = this.now();
    for (let i = 0; i < keys.length; i += CHUNK)
      await this.#db
        .insertInto('intel_in_flight')
        .values(keys.slice(i, i + CHUNK).map((key) => ({ source, sink, key, started_at: at })))
        .onConflict((oc) => oc.columns(['source', 'sink', 'key']).doUpdateSet({ started_at: at }))
        .execute();
  }

  /** Records whose last call's outcome is unknown, with the staged indicator and what the sink held. */
  async inFlight(source: string, sink: string): Promise<ScanRow[]> {
    const rows = await this.#db
      .selectFrom('intel_in_flight as f')
      .innerJoin('intel_indicators as i', (j) =>
        j.onRef('i.source', '=', 'f.source').onRef('i.key', '=', 'f.key'),
      )
      .leftJoin('intel_sink_state as s', (j) =>
        j.onRef('s.source', '=', 'f.source').onRef('s.key', '=', 'f.key').onRef('s.sink', '=', 'f.sink'),
      )
      .select(['f.key', 'i.indicator', 's.status', 's.fingerprint', 's.expires_at', 's.sink_id'])
      .where('f.source', '=', source)
      .where('f.sink', '=', sink)
      .orderBy('f.key')
      .execute();
    return rows.map(toScanRow);
  }

  /** Clears in-flight marks once `recover` has made a resend safe. */
  async clearInFlight(source: string, sink: string, keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += CHUNK)
      await this.#db
        .deleteFrom('intel_in_flight')
        .where('source', '=', source)
        .where('sink', '=', sink)
        .where('key', 'in', keys.slice(i, i + CHUNK))
        .execute();
  }

  /** Live records the sink holds from other sources (they count against its capacity too). */
  async liveFromOtherSources(sink: string, source: string, nowMs: number): Promise<number> {
    const row = await this.#db
      .selectFrom('intel_sink_state')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sink', '=', sink)
      .where('source', '<>', source)
      .where('status', '=', 'live')
      .where('expires_at', '>', nowMs)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Records per status of one pair, counting live records past their expiry as expired. */
  async tally(
    source: string,
    sink: string,
    nowMs: number,
  ): Promise<{ live: number; refused: number; withdrawn: number; expired: number }> {
    const rows = await this.#db
      .selectFrom('intel_sink_state')
      .select((eb) => [
        'status',
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(eb.case().when('expires_at', '<=', nowMs).then(1).else(0).end()).as('past'),
      ])
      .where('source', '=', source)
      .where('sink', '=', sink)
      .groupBy('status')
      .execute();
    const out = { live: 0, refused: 0, withdrawn: 0, expired: 0 };
    for (const r of rows) {
      const n = Number(r.n);
      const past = Number(r.past ?? 0);
      if (r.status === 'live') {
        out.live += n - past;
        out.expired += past;
      } else if (r.status === 'refused') out.refused += n;
      else out.withdrawn += n;
    }
    return out;
  }
}

/** A staged indicator joined with what the sink holds of it (the sink's columns are null when nothing). */
function toScanRow(r: {
  key: string;
  indicator: string;
  status: SinkRecordStatus | null;
  fingerprint: string | null;
  expires_at: number | null;
  sink_id: string | null;
}): ScanRow {
  return {
    key: r.key,
    indicator: r.indicator,
    status: r.status,
    fingerprint: r.fingerprint,
    expiresAt: r.expires_at === null ? null : Number(r.expires_at),
    sinkId: r.sink_id,
  };
}
