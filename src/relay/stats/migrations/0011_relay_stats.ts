// The relay's statistics per hour (route, module, status, protocol code): requests and upstream
// calls, latency sum and histogram buckets, throttles and failures. The key is the upsert's target.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../../../platform/db/index.js';
import { BUCKET_COLUMNS } from '../histogram.js';

export const relayStats = (_dialect: Dialect): Migration => ({ up, down });

async function up(db: Kysely<unknown>): Promise<void> {
  let table = db.schema
    .createTable('relay_stats')
    .addColumn('hour', 'bigint', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('module', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('requests', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('upstream_calls', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('upstream_ms', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('upstream_throttled', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('upstream_failed', 'bigint', (c) => c.notNull().defaultTo(0));
  for (const b of BUCKET_COLUMNS) table = table.addColumn(b, 'bigint', (c) => c.notNull().defaultTo(0));
  // The hour leads the key: the page's range reads and the retention purge both go by time. Hours,
  // not minutes: the console shows nothing finer, and 48 hours of a busy relay stay a few hundred rows.
  await table
    .addPrimaryKeyConstraint('relay_stats_pk', ['hour', 'route', 'module', 'status', 'code'])
    .execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('relay_stats').execute();
}
