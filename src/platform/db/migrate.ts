// Applies pending migrations with kysely's Migrator. Its lock makes simultaneous starts of several
// instances on one PostgreSQL database safe: one migrates, the others wait and find nothing to do.
import {
  type DatabaseIntrospector,
  type Kysely,
  type Migration,
  Migrator,
  sql,
  type TableMetadata,
} from 'kysely';
import { MigrationError } from './errors.js';
import { MIGRATION_NAME, type MigrationSet } from './migration-set.js';
import { platformMigrations } from './migrations/index.js';
import { dialectOf, type Store } from './open.js';
import type { Database } from './schema.js';
import type { Dialect } from './url.js';

export const MIGRATION_TABLE = 'graphsoc_migration';
export const MIGRATION_LOCK_TABLE = 'graphsoc_migration_lock';

/**
 * Waiting for another instance's migration, or a slow migration itself, may take far longer than
 * the pool's everyday statement timeout.
 */
const MIGRATION_STATEMENT_TIMEOUT = '15min';

/**
 * Applies every pending migration of the platform and of the given features' sets; returns the names
 * applied this time (empty when up to date). Takes the kysely instance of a store opened by
 * openDatabase, or the store itself.
 */
export async function migrateToLatest(
  target: Kysely<Database> | Pick<Store, 'db' | 'dialect'>,
  sets: readonly MigrationSet[] = [],
): Promise<string[]> {
  const { db, dialect } = 'dialect' in target ? target : { db: target, dialect: await detect(target) };
  const all = allMigrations([platformMigrations, ...sets], dialect);
  try {
    // One connection throughout, so the longer timeout applies to the lock wait and the migrations,
    // and is reset before the connection goes back to the pool.
    return await db.connection().execute(async (conn) => {
      if (dialect === 'sqlite') return await run(conn, all, undefined);
      const reset = () => sql`reset statement_timeout`.execute(conn);
      await sql`set statement_timeout = ${sql.lit(MIGRATION_STATEMENT_TIMEOUT)}`.execute(conn);
      let applied: string[];
      try {
        // Pin kysely's tables to the current schema; it would otherwise find another graphsoc
        // schema's history in the same database.
        const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(conn);
        const schema = r.rows[0]?.schema ?? 'public';
        applied = await run(pinIntrospection(conn, schema), all, schema);
      } catch (e) {
        // The migration's own error matters more than a reset failing on a broken connection.
        await reset().catch(() => undefined);
        throw e;
      }
      await reset();
      return applied;
    });
  } catch (e) {
    throw e instanceof MigrationError ? e : new MigrationError('(migration tables)', e);
  }
}

/**
 * Every owner's migrations in one record. A name that breaks the numbering, or a number two owners
 * both use, is a bug caught here, before any of them runs.
 */
export function allMigrations(sets: readonly MigrationSet[], dialect: Dialect): Record<string, Migration> {
  const out: Record<string, Migration> = {};
  const owners = new Map<string, string>();
  for (const set of sets) {
    for (const [name, migration] of Object.entries(set.migrations(dialect))) {
      const number = name.slice(0, 4);
      const other = owners.get(number);
      if (!MIGRATION_NAME.test(name) || other !== undefined) {
        const why = other === undefined ? 'is not NNNN_snake_case' : `repeats number ${number} of ${other}`;
        throw new MigrationError(name, new Error(`migration ${name} of ${set.owner} ${why}`));
      }
      owners.set(number, `${set.owner} (${name})`);
      out[name] = migration;
    }
  }
  return out;
}

async function run(
  db: Kysely<Database>,
  migrations: Record<string, Migration>,
  schema: string | undefined,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    // A migration the platform adds later sorts before features' older ones; databases that ran
    // those already must still take it, so the applied set need not be a prefix of the sorted list.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? '(migration tables)';
    throw new MigrationError(failed, error);
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * kysely looks for its own tables by introspecting every column of every table in the database. In a
 * shared database that is slow, and fails when another schema is dropped meanwhile ("schema … does
 * not exist"); answer from the catalogue of our schema alone.
 */
function pinIntrospection(db: Kysely<Database>, schema: string): Kysely<Database> {
  const getTables = async (): Promise<TableMetadata[]> => {
    const r = await sql<{ name: string; kind: string }>`
      select c.relname as name, c.relkind as kind from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v')`.execute(db);
    return r.rows.map((t) => ({ name: t.name, schema, isView: t.kind === 'v', columns: [] }));
  };
  const introspection: DatabaseIntrospector = {
    getSchemas: async () =>
      (
        await sql<{
          name: string;
        }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db)
      ).rows,
    getTables,
    getMetadata: async () => ({ tables: await getTables() }),
  };
  // kysely's methods use private fields, so they must run on the real instance, not on the proxy.
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'introspection') return introspection;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** The dialect of a kysely instance openDatabase did not make: only SQLite knows sqlite_version(). */
async function detect(db: Kysely<Database>): Promise<Dialect> {
  const known = dialectOf(db);
  if (known) return known;
  try {
    await sql`select sqlite_version()`.execute(db);
    return 'sqlite';
  } catch {
    return 'postgres';
  }
}
