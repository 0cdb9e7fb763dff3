// The database a command works on, named so an operator sees which one it is (a relative SQLite path
// with the file it resolves to, a PostgreSQL URL without its password), and opened only when it is
// one serve has made: a command that reads or repairs serve's data must not create an empty one
// from a typo in database.url.
import { closeSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { MIGRATION_TABLE, openDatabase, parseDatabaseUrl, type Store } from '../platform/db/index.js';
import { DatabaseMissingError } from './errors.js';

/** `sqlite:./data/graphsoc.db (/srv/graphsoc/data/graphsoc.db)`, or the PostgreSQL URL redacted. */
export function databaseName(url: string): string {
  const target = parseDatabaseUrl(url);
  if (target.dialect !== 'sqlite' || target.path === ':memory:') return target.display;
  const absolute = resolve(target.path);
  return absolute === target.path ? target.display : `${target.display} (${absolute})`;
}

/** Whether a SQLite database file is there: opening an empty or foreign file would write to it. */
function isSqliteFile(path: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    return readSync(fd, header, 0, header.length, 0) === header.length && header.equals(SQLITE_HEADER);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The first bytes of every SQLite 3 database file (sqlite.org/fileformat.html, "The Database Header"). */
const SQLITE_HEADER = Buffer.from('SQLite format 3\u0000', 'latin1');

/** PostgreSQL's "database does not exist". */
const NO_SUCH_DATABASE = '3D000';

/**
 * Opens the database at `url` when it holds graphsoc's tables; otherwise throws DatabaseMissingError
 * naming it, having created nothing (but a PostgreSQL `?schema=`, which opening creates, empty).
 */
export async function openExistingDatabase(url: string, command: string): Promise<Store> {
  const name = databaseName(url);
  const missing = (what: string) =>
    new DatabaseMissingError(
      `${what} ${name}: ${command} works on the database serve uses and creates none; check database.url`,
    );
  const target = parseDatabaseUrl(url);
  if (target.dialect === 'sqlite' && !isSqliteFile(resolve(target.path))) throw missing('no database at');
  let store: Store;
  try {
    store = await openDatabase(url);
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause;
    if (cause?.code === NO_SUCH_DATABASE) throw missing('no database at');
    throw e;
  }
  try {
    await sql`select count(*) from ${sql.table(MIGRATION_TABLE)}`.execute(store.db);
    return store;
  } catch {
    await store.close();
    throw missing('no graphsoc tables in');
  }
}
