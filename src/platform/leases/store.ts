// The lease table: acquire, renew, release, list, plus the lease history. On PostgreSQL the database's
// clock decides expiry, so instances with skewed clocks still agree; SQLite serves one process and
// uses the local clock.
import { type Kysely, sql } from 'kysely';
import {
  type Database,
  type Dialect,
  type LeasesTable,
  type Stamp,
  type Store,
  statementStamp,
} from '../db/index.js';
import { LeaseOptionsError } from './errors.js';
import type { Lease, LeaseEvent } from './types.js';

export interface LeaseStoreOptions {
  /** Local clock in epoch ms for SQLite (tests inject one); PostgreSQL always uses its own clock. */
  clock?: () => number;
}

const toLease = (r: LeasesTable): Lease => ({
  name: r.name,
  owner: r.owner,
  epoch: r.epoch,
  acquiredAt: r.acquired_at,
  renewedAt: r.renewed_at,
  expiresAt: r.expires_at,
});

function checkTtl(ttlMs: number): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new LeaseOptionsError(`lease ttl must be a positive whole number of milliseconds, got ${ttlMs}`);
  }
}

export class LeaseStore {
  readonly #db: Kysely<Database>;
  readonly #dialect: Dialect;
  readonly #clock: () => number;

  constructor(store: Pick<Store, 'db' | 'dialect'>, opts: LeaseStoreOptions = {}) {
    this.#db = store.db;
    this.#dialect = store.dialect;
    this.#clock = opts.clock ?? Date.now;
  }

  /** Epoch milliseconds by the clock every instance agrees on. */
  async now(): Promise<number> {
    if (this.#dialect === 'sqlite') return this.#clock();
    const r = await sql<{
      now: number;
    }>`select floor(extract(epoch from clock_timestamp()) * 1000)::bigint as now`.execute(this.#db);
    return Number(r.rows[0]?.now);
  }

  #stamp(): Stamp {
    return statementStamp(this.#dialect, this.#clock);
  }

  /**
   * Takes the lease if it is free, expired, released or already ours, with the next epoch; undefined
   * when another live owner holds it. One conditional upsert decides, so of many instances asking at
   * once exactly one wins.
   */
  async tryAcquire(name: string, owner: string, ttlMs: number): Promise<Lease | undefined> {
    checkTtl(ttlMs);
    return this.#db.transaction().execute(async (trx) => {
      // Only to describe a takeover in the history; on PostgreSQL the row lock makes it the exact row
      // the upsert below replaces.
      let q = trx.selectFrom('leases').selectAll().where('name', '=', name);
      if (this.#dialect === 'postgres') q = q.forUpdate();
      const prev = await q.executeTakeFirst();
      const t = this.#stamp();
      const row = await trx
        .insertInto('leases')
        .values({
          name,
          owner,
          epoch: 1,
          acquired_at: t.now,
          renewed_at: t.now,
          expires_at: t.plus(ttlMs),
          released_at: null,
        })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet((eb) => ({
              owner: eb.ref('excluded.owner'),
              epoch: eb('leases.epoch', '+', 1),
              acquired_at: eb.ref('excluded.acquired_at'),
              renewed_at: eb.ref('excluded.renewed_at'),
              expires_at: eb.ref('excluded.expires_at'),
              released_at: null,
            }))
            .where((eb) =>
              eb.or([
                eb('leases.expires_at', '<=', eb.ref('excluded.acquired_at')),
                eb('leases.owner', '=', eb.ref('excluded.owner')),
                eb('leases.released_at', 'is not', null),
              ]),
            ),
        )
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      const takenOver = prev !== undefined && prev.released_at === null && prev.owner !== owner;
      await trx
        .insertInto('lease_events')
        .values({
          name,
          owner,
          epoch: row.epoch,
          event: takenOver ? 'taken-over' : 'acquired',
          at: row.acquired_at,
          detail: takenOver
            ? `from ${prev.owner} (epoch ${prev.epoch}), whose lease expired at ${new Date(prev.expires_at).toISOString()}`
            : null,
        })
        .execute();
      return toLease(row);
    });
  }

  /** Extends our lease; undefined when it is no longer ours (expired, taken over, released, newer epoch). */
  async renew(lease: Lease, ttlMs: number): Promise<Lease | undefined> {
    checkTtl(ttlMs);
    const t = this.#stamp();
    const row = await this.#db
      .updateTable('leases')
      .set({ renewed_at: t.now, expires_at: t.plus(ttlMs) })
      .where('name', '=', lease.name)
      .where('owner', '=', lease.owner)
      .where('epoch', '=', lease.epoch)
      .where('released_at', 'is', null)
      // A lapsed lease may be changing hands right now: the owner must acquire it again, with a new epoch.
      .where('expires_at', '>', t.now)
      .returningAll()
      .executeTakeFirst();
    return row ? toLease(row) : undefined;
  }

  /** Gives our lease up at once so another instance need not wait for it to expire. */
  async release(lease: Lease): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const t = this.#stamp();
      const row = await trx
        .updateTable('leases')
        .set({ released_at: t.now, expires_at: t.now })
        .where('name', '=', lease.name)
        .where('owner', '=', lease.owner)
        .where('epoch', '=', lease.epoch)
        .where('released_at', 'is', null)
        .returning('expires_at')
        .executeTakeFirst();
      if (!row) return;
      await trx
        .insertInto('lease_events')
        .values({ ...pick(lease), event: 'released', at: row.expires_at, detail: null })
        .execute();
    });
  }

  /** Records that an owner found its lease gone (for the operator's history). */
  async recordLost(lease: Lease, detail: string): Promise<void> {
    const t = this.#stamp();
    await this.#db
      .insertInto('lease_events')
      .values({ ...pick(lease), event: 'lost', at: t.now, detail })
      .execute();
  }

  /** Leases not given up, expired ones included (the dashboard shows their expiry). */
  async list(): Promise<Lease[]> {
    const rows = await this.#db
      .selectFrom('leases')
      .selectAll()
      .where('released_at', 'is', null)
      .orderBy('name')
      .execute();
    return rows.map(toLease);
  }

  /** The history, oldest first; of one lease when `name` is given. */
  async events(name?: string): Promise<LeaseEvent[]> {
    let q = this.#db.selectFrom('lease_events').select(['name', 'owner', 'epoch', 'event', 'at', 'detail']);
    if (name !== undefined) q = q.where('name', '=', name);
    return q.orderBy('id').execute();
  }
}

const pick = (l: Lease) => ({ name: l.name, owner: l.owner, epoch: l.epoch });
