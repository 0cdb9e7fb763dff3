// Phishing pipeline state: one row per reported message (what step it reached, its retries, its
// analysis) and one per campaign (its Archer record and which version of it Archer has). The rows
// are what make a crash at any step resumable without losing or doubling an incident.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../../../platform/db/index.js';

export const phishing = (dialect: Dialect): Migration => ({ up: (db) => up(db, dialect), down });

async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('phishing_reports')
    .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    .addColumn('mailbox', 'text', (c) => c.notNull())
    // Graph's immutable id: it survives the move to the Processed folder.
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('internet_message_id', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('campaign_key', 'text')
    .addColumn('analysis', 'text')
    .addColumn('mime', dialect === 'postgres' ? 'bytea' : 'blob')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('phishing_reports_message', ['mailbox', 'message_id'])
    .execute();
  // The worker's query: pending reports that are due, oldest first.
  await db.schema
    .createIndex('phishing_reports_due')
    .on('phishing_reports')
    .columns(['state', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('phishing_reports_campaign')
    .on('phishing_reports')
    .column('campaign_key')
    .execute();
  await db.schema
    .createTable('phishing_campaigns')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('archer_content_id', 'bigint')
    // Set before Archer is asked to create the record: with no content id after a crash, the record
    // may exist, and it is looked up by its key instead of created again.
    .addColumn('create_started_at', 'bigint')
    .addColumn('report_count', 'integer', (c) => c.notNull())
    // Grows with every report; Archer has seen `applied_version`.
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('applied_version', 'integer', (c) => c.notNull())
    .addColumn('first_report_at', 'bigint', (c) => c.notNull())
    .addColumn('last_report_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('phishing_campaigns').execute();
  await db.schema.dropTable('phishing_reports').execute();
}
