// The threat-intel sync's state: the staged indicators of each source, each source's cursor, what
// each sink holds of each source's indicators, calls in flight to sinks that do not upsert, and the
// runs. Together they make a sync resumable at the last committed batch with nothing lost or doubled.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../../../platform/db/index.js';

export const intel = (dialect: Dialect): Migration => ({ up: (db) => up(db, dialect), down });

async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('intel_indicators')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('last_seen_ms', 'bigint', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('staged_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('intel_indicators_pk', ['source', 'key'])
    .execute();
  await db.schema
    .createTable('intel_source_cursors')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('cursor', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('intel_sink_state')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('sink', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('sink_id', 'text')
    .addColumn('error', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('intel_sink_state_pk', ['source', 'sink', 'key'])
    .execute();
  // The capacity count and the dashboard's "live per sink".
  await db.schema
    .createIndex('intel_sink_state_status')
    .on('intel_sink_state')
    .columns(['sink', 'status'])
    .execute();
  await db.schema
    .createTable('intel_in_flight')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('sink', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('intel_in_flight_pk', ['source', 'sink', 'key'])
    .execute();
  await db.schema
    .createTable('intel_runs')
    .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('sink', 'text')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('intel_runs_pair')
    .on('intel_runs')
    .columns(['source', 'sink', 'started_at'])
    .execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'intel_runs',
    'intel_in_flight',
    'intel_sink_state',
    'intel_source_cursors',
    'intel_indicators',
  ])
    await db.schema.dropTable(t).execute();
}
