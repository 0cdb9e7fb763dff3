// The self-service accounts feature's tables: requests and where their provisioning stands, the
// mailed codes and links (hashed), verified browsers, status links, the append-only audit log, and
// bulk imports with their refused rows. Two partial unique indexes carry "nothing doubled": one live
// account per verified address and template, and one request per account name.
import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../../../platform/db/index.js';

export const accounts = (dialect: Dialect): Migration => ({ up: (db) => up(db, dialect), down });

async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const serial = dialect === 'postgres' ? 'bigint' : 'integer';
  const identity = dialect === 'postgres';
  await db.schema
    .createTable('accounts_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('surname', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text')
    .addColumn('group_name', 'text')
    .addColumn('group_kind', 'text')
    .addColumn('group_description', 'text')
    .addColumn('group_nickname', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('step', 'text')
    .addColumn('upn', 'text')
    .addColumn('user_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('import_id', 'bigint')
    .addColumn('import_row', 'integer')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('expires_at', 'bigint')
    .addColumn('expiry_notified_at', 'bigint')
    .addColumn('disabled_at', 'bigint')
    .addColumn('deleted_at', 'bigint')
    .addColumn('credential_viewed_at', 'bigint')
    .execute();
  // The provisioning unit's queue: approved requests by when they are due.
  await db.schema
    .createIndex('accounts_requests_due')
    .on('accounts_requests')
    .columns(['state', 'next_attempt_at'])
    .execute();
  // The console's list per state, newest first, and the status page's list per address.
  await db.schema
    .createIndex('accounts_requests_state_created')
    .on('accounts_requests')
    .columns(['state', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('accounts_requests_created')
    .on('accounts_requests')
    .columns(['created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('accounts_requests_address')
    .on('accounts_requests')
    .columns(['address', 'created_at'])
    .execute();
  await db.schema
    .createIndex('accounts_requests_import')
    .on('accounts_requests')
    .columns(['import_id', 'import_row'])
    .execute();
  await db.schema
    .createIndex('accounts_requests_expiry')
    .on('accounts_requests')
    .columns(['expires_at'])
    .execute();
  // One account per address and template while it lives: a double submit, two instances or an
  // import row and a portal request for the same person cannot make twins.
  await db.schema
    .createIndex('accounts_requests_one_account')
    .on('accounts_requests')
    .columns(['address', 'template'])
    .unique()
    .where(
      sql<boolean>`kind = 'account' and state in ('pending', 'approved', 'done', 'failed') and deleted_at is null`,
    )
    .execute();
  // One request per account name until its account is deleted (a deleted user keeps its name in the
  // directory's recycle bin for 30 days, and the upn step checks the directory for that).
  await db.schema
    .createIndex('accounts_requests_upn')
    .on('accounts_requests')
    .column('upn')
    .unique()
    .where(sql<boolean>`upn is not null and deleted_at is null`)
    .execute();

  await db.schema
    .createTable('accounts_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('link_hash', 'text', (c) => c.notNull().unique())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ip_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  // The two rate limits count recent rows per address and per client network.
  await db.schema
    .createIndex('accounts_codes_address')
    .on('accounts_codes')
    .columns(['address', 'created_at'])
    .execute();
  await db.schema
    .createIndex('accounts_codes_ip')
    .on('accounts_codes')
    .columns(['ip_key', 'created_at'])
    .execute();
  await db.schema.createIndex('accounts_codes_created').on('accounts_codes').column('created_at').execute();

  await db.schema
    .createTable('accounts_portal_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('accounts_portal_sessions_expires')
    .on('accounts_portal_sessions')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('accounts_status_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('accounts_status_links_expires')
    .on('accounts_status_links')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('accounts_audit')
    .addColumn('id', serial, (c) =>
      identity ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('accounts_audit_request')
    .on('accounts_audit')
    .columns(['request_id', 'id'])
    .execute();
  await db.schema.createIndex('accounts_audit_at').on('accounts_audit').column('at').execute();

  await db.schema
    .createTable('accounts_imports')
    .addColumn('id', serial, (c) =>
      identity ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('accepted', 'integer', (c) => c.notNull())
    .addColumn('refused', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('accounts_import_refusals')
    .addColumn('import_id', 'bigint', (c) => c.notNull())
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addPrimaryKeyConstraint('accounts_import_refusals_pk', ['import_id', 'row'])
    .execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'accounts_import_refusals',
    'accounts_imports',
    'accounts_audit',
    'accounts_status_links',
    'accounts_portal_sessions',
    'accounts_codes',
    'accounts_requests',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
