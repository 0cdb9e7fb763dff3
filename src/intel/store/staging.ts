// The local copy of each source's indicators and the source's cursor. A page is staged with the
// cursor that follows it in one transaction: a run that stops resumes after the last staged page, and
// staging a page twice (an overlapping window, a resumed run) changes nothing.
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.js';
import type { Indicator } from '../model/indicator.js';
import { contentHash, stableKey } from '../model/key.js';
import { type IntelDb, type IntelIndicatorsTable, intelDb } from './tables.js';

/** Rows per statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;

export interface StagedCounts {
  new: number;
  changed: number;
  unchanged: number;
}

export class IntelStaging {
  readonly #db: IntelDb;
  constructor(
    db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {
    this.#db = intelDb(db);
  }

  async cursor(source: string): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('intel_source_cursors')
      .select('cursor')
      .where('source', '=', source)
      .executeTakeFirst();
    return row?.cursor;
  }

  /** Stores the page's indicators (new ones, and those whose content or last sighting changed) and the cursor. */
  async stagePage(source: string, indicators: readonly Indicator[], cursor: string): Promise<StagedCounts> {
    const byKey = mergeByKey(indicators);
    const at = this.now();
    return this.#db.transaction().execute(async (tx) => {
      const counts: StagedCounts = { new: 0, changed: 0, unchanged: 0 };
      const keys = [...byKey.keys()];
      const known = new Map<string, { hash: string; lastSeen: number }>();
      for (let i = 0; i < keys.length; i += CHUNK) {
        const rows = await tx
          .selectFrom('intel_indicators')
          .select(['key', 'content_hash', 'last_seen_ms'])
          .where('source', '=', source)
          .where('key', 'in', keys.slice(i, i + CHUNK))
          .execute();
        for (const r of rows) known.set(r.key, { hash: r.content_hash, lastSeen: Number(r.last_seen_ms) });
      }
      const writes: Insertable<IntelIndicatorsTable>[] = [];
      for (const [key, ind] of byKey) {
        const hash = contentHash(ind);
        const old = known.get(key);
        if (old && old.hash === hash && old.lastSeen >= ind.lastSeenMs) {
          counts.unchanged++;
          continue;
        }
        if (old) counts.changed++;
        else counts.new++;
        // An older sighting read again (overlapping windows) never moves last seen back.
        const lastSeenMs = Math.max(ind.lastSeenMs, old?.lastSeen ?? 0);
        const kept = { ...ind, lastSeenMs };
        writes.push({
          source,
          key,
          content_hash: hash,
          last_seen_ms: lastSeenMs,
          indicator: JSON.stringify(kept),
          staged_at: at,
        });
      }
      for (let i = 0; i < writes.length; i += CHUNK)
        await tx
          .insertInto('intel_indicators')
          .values(writes.slice(i, i + CHUNK))
          .onConflict((oc) =>
            oc.columns(['source', 'key']).doUpdateSet((eb) => ({
              content_hash: eb.ref('excluded.content_hash'),
              last_seen_ms: eb.ref('excluded.last_seen_ms'),
              indicator: eb.ref('excluded.indicator'),
              staged_at: eb.ref('excluded.staged_at'),
            })),
          )
          .execute();
      await tx
        .insertInto('intel_source_cursors')
        .values({ source, cursor, updated_at: at })
        .onConflict((oc) => oc.column('source').doUpdateSet({ cursor, updated_at: at }))
        .execute();
      return counts;
    });
  }

  /** How many indicators of the source are staged (the dashboard's "held locally"). */
  async count(source: string): Promise<number> {
    const row = await this.#db
      .selectFrom('intel_indicators')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source', '=', source)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

/**
 * One indicator per key: TruSTAR returns an observable once per enclave, and a page may hold both.
 * The later record's content wins; sightings widen to the earliest first and latest last seen.
 */
function mergeByKey(indicators: readonly Indicator[]): Map<string, Indicator> {
  const out = new Map<string, Indicator>();
  for (const ind of indicators) {
    const key = stableKey(ind);
    const prev = out.get(key);
    out.set(
      key,
      prev
        ? {
            ...ind,
            firstSeenMs: Math.min(prev.firstSeenMs, ind.firstSeenMs),
            lastSeenMs: Math.max(prev.lastSeenMs, ind.lastSeenMs),
          }
        : ind,
    );
  }
  return out;
}
