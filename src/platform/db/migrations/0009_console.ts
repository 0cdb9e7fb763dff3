// The operator console's tables: server-side sessions, sign-in attempts (the throttle every instance
// shares) and the audit log. Times are epoch milliseconds in bigint columns, as in 0001_leases.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../url.js';

export const consoleTables = (dialect: Dialect): Migration => ({ up: (db) => up(db, dialect), down });

async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  // SQLite's autoincrement key must be exactly `integer primary key`; PostgreSQL needs an identity.
  const serial = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('console_sessions')
    // SHA-256 of the cookie's id, never the id itself: a leaked table hands out no session.
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  // Sign-out everywhere and the list of one person's sessions; the purge by either expiry.
  await db.schema.createIndex('console_sessions_subject').on('console_sessions').column('subject').execute();
  await db.schema
    .createIndex('console_sessions_expires_at')
    .on('console_sessions')
    .column('expires_at')
    .execute();
  await db.schema
    .createIndex('console_sessions_last_seen_at')
    .on('console_sessions')
    .column('last_seen_at')
    .execute();

  await db.schema
    .createTable('console_sign_in_attempts')
    .addColumn('id', serial, (c) =>
      dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    // One attempt writes one row per scope; its id finds both when it succeeds or is refused.
    .addColumn('attempt', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('console_sign_in_attempts_key')
    .on('console_sign_in_attempts')
    .columns(['scope', 'key', 'at'])
    .execute();
  await db.schema
    .createIndex('console_sign_in_attempts_attempt')
    .on('console_sign_in_attempts')
    .column('attempt')
    .execute();
  await db.schema
    .createIndex('console_sign_in_attempts_at')
    .on('console_sign_in_attempts')
    .column('at')
    .execute();

  await db.schema
    .createTable('console_audit')
    .addColumn('id', serial, (c) =>
      dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    .addColumn('at', 'bigint', (c) => c.notNull())
    // Null for someone not signed in (a refused sign-in, say).
    .addColumn('actor_subject', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  // Newest first by id, filtered by actor or action; the retention purge by age.
  await db.schema.createIndex('console_audit_at').on('console_audit').column('at').execute();
  await db.schema
    .createIndex('console_audit_actor')
    .on('console_audit')
    .columns(['actor_subject', 'id'])
    .execute();
  await db.schema.createIndex('console_audit_action').on('console_audit').columns(['action', 'id']).execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('console_audit').execute();
  await db.schema.dropTable('console_sign_in_attempts').execute();
  await db.schema.dropTable('console_sessions').execute();
}
