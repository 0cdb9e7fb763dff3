// The console's sign-ins under way: one row from the redirect to Entra until the way back takes it
// (or it expires ten minutes later), so the callback can be served by any instance.
import type { Kysely, Migration } from 'kysely';

export const consoleSignInFlows = (): Migration => ({ up, down });

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('console_sign_in_flows')
    // SHA-256 of the state sent to Entra: a copy of the table cannot complete a sign-in.
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('return_path', 'text', (c) => c.notNull())
    // The starting client's network (throttle-keys.ts ipKey): how many sign-ins it has under way.
    .addColumn('ip_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('console_sign_in_flows_expires_at')
    .on('console_sign_in_flows')
    .column('expires_at')
    .execute();
  await db.schema
    .createIndex('console_sign_in_flows_ip')
    .on('console_sign_in_flows')
    .columns(['ip_key', 'expires_at'])
    .execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('console_sign_in_flows').execute();
}
