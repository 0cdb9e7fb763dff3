// The history of the background dependency checks: one row per state change an instance saw
// (ok → failing with the error code, failing → ok). Several instances may write the same change;
// the reader merges them. Times are epoch milliseconds in bigint columns.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../url.js';

export const healthEvents = (dialect: Dialect): Migration => ({ up: (db) => up(db, dialect), down });

async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('health_events')
    .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    .addColumn('check_name', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .execute();
  // Each dependency's events in time order, and the state before a range: both by (check, at).
  await db.schema
    .createIndex('health_events_check_at')
    .on('health_events')
    .columns(['check_name', 'at'])
    .execute();
  await db.schema.createIndex('health_events_at').on('health_events').column('at').execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('health_events').execute();
}
