// Applies pending migrations with kysely's Migrator. Its lock makes simultaneous starts of several
// instances on one PostgreSQL database safe: one migrates, the others wait and find nothing to do.
import { Migrator, sql } from 'kysely';
import { MigrationError } from './errors.js';
import { migrations } from './migrations/index.js';
import type { Store } from './open.js';

export const MIGRATION_TABLE = 'graphsoc_migration';

/** Applies every pending migration; returns the names applied this time (empty when up to date). */
export async function migrateToLatest(store: Pick<Store, 'db' | 'dialect'>): Promise<string[]> {
  const { db, dialect } = store;
  // kysely looks for its tables in any schema unless told which; on PostgreSQL pin the current one so
  // two graphsoc schemas in one database never see each other's migration history.
  const schema =
    dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(dialect) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: `${MIGRATION_TABLE}_lock`,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? '(migration tables)';
    throw new MigrationError(failed, error);
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
