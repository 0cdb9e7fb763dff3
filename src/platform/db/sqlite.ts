// Opens a SQLite file (or memory database) for one graphsoc instance through better-sqlite3.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { DatabaseUnreachableError } from './errors.js';
import type { Database } from './schema.js';
import type { SqliteTarget } from './url.js';

/** How long a writer waits for another connection's lock (e.g. `graphsoc db migrate` beside serve). */
const BUSY_TIMEOUT_MS = 5000;

export function openSqlite(target: SqliteTarget): Kysely<Database> {
  let conn: SQLite.Database;
  try {
    if (target.path !== ':memory:') mkdirSync(dirname(resolve(target.path)), { recursive: true });
    conn = new SQLite(target.path);
  } catch (e) {
    throw new DatabaseUnreachableError(
      `cannot open SQLite database ${target.path}: ${(e as Error).message}`,
      e,
    );
  }
  try {
    // WAL lets readers (the dashboard) run beside the writer; NORMAL sync is safe with WAL.
    conn.pragma('journal_mode = WAL');
    conn.pragma('synchronous = NORMAL');
    conn.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    conn.pragma('foreign_keys = ON');
  } catch (e) {
    conn.close();
    throw new DatabaseUnreachableError(
      `cannot use SQLite database ${target.path}: ${(e as Error).message}`,
      e,
    );
  }
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: conn }) });
}
