// The lease table: acquire, renew, release, list. On PostgreSQL the database's clock decides expiry,
// so instances with skewed clocks still agree; SQLite serves one process and uses the local clock.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, LeasesTable, Store } from '../db/index.js';
import type { Lease, LeaseEvent } from './types.js';

export interface LeaseStoreOptions {
  /** Local clock for SQLite (tests); PostgreSQL always uses clock_timestamp(). */
  clock?: () => number;
}

const toLease = (r: LeasesTable): Lease => ({
  name: r.name,
  owner: r.owner,
  epoch: Number(r.epoch),
  acquiredAt: Number(r.acquired_at),
  renewedAt: Number(r.renewed_at),
  expiresAt: Number(r.expires_at),
});

export class LeaseStore {
  readonly #db: Kysely<Database>;
  readonly #dialect: Store['dialect'];
  readonly #clock: () => number;

  constructor(store: Pick<Store, 'db' | 'dialect'>, opts: LeaseStoreOptions = {}) {
    this.#db = store.db;
    this.#dialect = store.dialect;
    this.#clock = opts.clock ?? Date.now;
  }

  /** Milliseconds since the epoch by the clock every instance agrees on. */
  async now(db: Kysely<Database> = this.#db): Promise<number> {
    if (this.#dialect === 'sqlite') return this.#clock();
    const r = await sql<{
      now: string;
    }>`select floor(extract(epoch from clock_timestamp()) * 1000)::bigint as now`.execute(db);
    return Number(r.rows[0]?.now);
  }

  /**
   * Takes the lease if it is free, expired, released or already ours; returns it with a new epoch, or
   * undefined when another live owner holds it (or another instance won a race for it).
   */
  async tryAcquire(name: string, owner: string, ttlMs: number): Promise<Lease | undefined> {
    return this.#db.transaction().execute(async (trx) => {
      const now = await this.now(trx);
      let q = trx.selectFrom('leases').selectAll().where('name', '=', name);
      if (this.#dialect === 'postgres') q = q.forUpdate();
      const current = await q.executeTakeFirst();
      const row = { owner, acquired_at: now, renewed_at: now, expires_at: now + ttlMs, released_at: null };
      if (!current) {
        const inserted = await trx
          .insertInto('leases')
          .values({ name, epoch: 1, ...row })
          .onConflict((oc) => oc.column('name').doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!inserted) return undefined;
        await this.#event(trx, { name, owner, epoch: 1, event: 'acquired', at: now, detail: null });
        return toLease(inserted);
      }
      const free =
        current.released_at !== null || Number(current.expires_at) <= now || current.owner === owner;
      if (!free) return undefined;
      const epoch = Number(current.epoch) + 1;
      const updated = await trx
        .updateTable('leases')
        .set({ epoch, ...row })
        .where('name', '=', name)
        .where('epoch', '=', current.epoch)
        .returningAll()
        .executeTakeFirst();
      if (!updated) return undefined;
      const takenOver = current.released_at === null && current.owner !== owner;
      await this.#event(trx, {
        name,
        owner,
        epoch,
        event: takenOver ? 'taken-over' : 'acquired',
        at: now,
        detail: takenOver
          ? `from ${current.owner} (epoch ${current.epoch}), expired at ${current.expires_at}`
          : null,
      });
      return toLease(updated);
    });
  }

  /** Extends our lease; undefined when it is no longer ours (expired, taken over or released). */
  async renew(lease: Lease, ttlMs: number): Promise<Lease | undefined> {
    const now = await this.now();
    const r = await this.#db
      .updateTable('leases')
      .set({ renewed_at: now, expires_at: now + ttlMs })
      .where('name', '=', lease.name)
      .where('owner', '=', lease.owner)
      .where('epoch', '=', lease.epoch)
      .where('released_at', 'is', null)
      .where('expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
    return r ? toLease(r) : undefined;
  }

  /** Gives the lease up at once so another instance need not wait for it to expire. */
  async release(lease: Lease): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const now = await this.now(trx);
      const r = await trx
        .updateTable('leases')
        .set({ released_at: now, expires_at: now })
        .where('name', '=', lease.name)
        .where('owner', '=', lease.owner)
        .where('epoch', '=', lease.epoch)
        .where('released_at', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) > 0) {
        await this.#event(trx, { ...pick(lease), event: 'released', at: now, detail: null });
      }
    });
  }

  /** Records that an owner noticed it lost a lease (for the operator's history). */
  async recordLost(lease: Lease, detail: string): Promise<void> {
    await this.#event(this.#db, { ...pick(lease), event: 'lost', at: await this.now(), detail });
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

  async events(name?: string): Promise<LeaseEvent[]> {
    let q = this.#db.selectFrom('lease_events').select(['name', 'owner', 'epoch', 'event', 'at', 'detail']);
    if (name) q = q.where('name', '=', name);
    const rows = await q.orderBy('id').execute();
    return rows.map((r) => ({ ...r, epoch: Number(r.epoch), at: Number(r.at) }));
  }

  async #event(db: Kysely<Database> | Transaction<Database>, e: LeaseEvent): Promise<void> {
    await db.insertInto('lease_events').values(e).execute();
  }
}

const pick = (l: Lease) => ({ name: l.name, owner: l.owner, epoch: l.epoch });
