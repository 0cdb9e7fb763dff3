// Leases (which instance owns which unit of work), their event history, and a small key-value table.
// Times are epoch milliseconds in bigint columns, which both dialects store as 64-bit integers.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../url.js';

export const leases = (dialect: Dialect): Migration => ({ up: (db) => up(db, dialect), down });

async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addColumn('acquired_at', 'bigint', (c) => c.notNull())
    .addColumn('renewed_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    // Set by a clean stop: the next owner may take the lease at once and it is not a takeover.
    .addColumn('released_at', 'bigint')
    .execute();
  await db.schema
    .createTable('lease_events')
    // SQLite's autoincrement key must be exactly `integer primary key` (the rowid); PostgreSQL needs
    // an identity column.
    .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  // Housekeeping deletes by age; the dashboard and tests read one lease's history.
  await db.schema.createIndex('lease_events_at').on('lease_events').column('at').execute();
  await db.schema.createIndex('lease_events_name').on('lease_events').columns(['name', 'id']).execute();
  await db.schema
    .createTable('kv_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('kv_state').execute();
  await db.schema.dropTable('lease_events').execute();
  await db.schema.dropTable('leases').execute();
}
