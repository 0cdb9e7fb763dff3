// Opens the store: SQLite (one instance) or PostgreSQL (several instances) behind one kysely API.
import { type Kysely, sql } from 'kysely';
import type { Logger } from '../log.js';
import { openPostgres } from './postgres.js';
import type { Database } from './schema.js';
import { openSqlite } from './sqlite.js';
import { type Dialect, parseDatabaseUrl } from './url.js';

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
  /** Longest a single PostgreSQL statement may run (default 10 s). */
  statementTimeoutMs?: number;
  /** Receives lost-connection warnings of the PostgreSQL pool; without one they are dropped. */
  logger?: Logger;
}

/** Which dialect each opened database speaks, for callers that only hold the kysely instance. */
const dialects = new WeakMap<Kysely<Database>, Dialect>();

export function dialectOf(db: Kysely<Database>): Dialect | undefined {
  return dialects.get(db);
}

/**
 * Opens `sqlite:PATH`, `sqlite::memory:` or `postgres://…[?schema=name]`. Throws GSOC_DB_URL_INVALID
 * for a URL it does not understand and GSOC_DB_UNREACHABLE (retryable) when the database does not answer.
 */
export async function openDatabase(url: string, opts: OpenOptions = {}): Promise<Store> {
  const target = parseDatabaseUrl(url);
  const db = target.dialect === 'sqlite' ? openSqlite(target) : await openPostgres(target, opts);
  dialects.set(db, target.dialect);
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect: target.dialect,
    display: target.display,
    close: () => {
      closing ??= db.destroy();
      return closing;
    },
  };
}

/** A cheap round trip, for /readyz and the dashboard. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
