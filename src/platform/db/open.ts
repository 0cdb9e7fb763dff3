// Opens the store: SQLite through better-sqlite3 (one instance) or PostgreSQL through a pg pool
// (several instances), both behind one kysely API.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { DatabaseUnreachableError } from './errors.js';
import type { Database } from './schema.js';
import { type DatabaseTarget, type Dialect, parseDatabaseUrl } from './url.js';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The URL without its password, for logs and the dashboard. */
  display: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL connections in the pool (default 10). */
  poolSize?: number;
  /** Longest a single statement may run on PostgreSQL, so a hung database cannot hang a lease renewal. */
  statementTimeoutMs?: number;
}

const INT8_OID = 20;

export async function openDatabase(url: string, opts: OpenOptions = {}): Promise<Store> {
  const target = parseDatabaseUrl(url);
  return target.dialect === 'sqlite' ? openSqlite(target) : openPostgres(target, opts);
}

function openSqlite(target: Extract<DatabaseTarget, { dialect: 'sqlite' }>): Store {
  let conn: SQLite.Database;
  try {
    if (target.path !== ':memory:') mkdirSync(dirname(resolve(target.path)), { recursive: true });
    conn = new SQLite(target.path);
    conn.pragma('journal_mode = WAL');
    conn.pragma('busy_timeout = 5000');
    conn.pragma('foreign_keys = ON');
  } catch (e) {
    throw new DatabaseUnreachableError(
      `cannot open SQLite database ${target.path}: ${(e as Error).message}`,
      e,
    );
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: conn }) });
  return { db, dialect: 'sqlite', display: target.display, close: () => db.destroy() };
}

async function openPostgres(
  target: Extract<DatabaseTarget, { dialect: 'postgres' }>,
  opts: OpenOptions,
): Promise<Store> {
  const settings = [`-c statement_timeout=${opts.statementTimeoutMs ?? 10_000}`];
  if (target.schema) settings.push(`-c search_path=${target.schema}`);
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    options: settings.join(' '),
    // Times are bigint; parse int8 to number for this pool only (not pg's global type registry).
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary'
          ? (v: string) => Number(v)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's error (server restart, network cut) must not crash the process; the next query
  // gets a fresh connection or a clear error.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (target.schema) await createSchema(db, target.schema);
    await sql`select 1`.execute(db);
  } catch (e) {
    await db.destroy().catch(() => undefined);
    throw new DatabaseUnreachableError(
      `cannot reach PostgreSQL at ${target.display}: ${(e as Error).message}`,
      e,
    );
  }
  return { db, dialect: 'postgres', display: target.display, close: () => db.destroy() };
}

/**
 * `create schema if not exists` still fails when two instances run it at the same moment (a unique
 * violation in pg_namespace); losing that race means the schema now exists, which is all we need.
 */
async function createSchema(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw e;
  }
}

/** A cheap round trip, for /readyz and the dashboard. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
