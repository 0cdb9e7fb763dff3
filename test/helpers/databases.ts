// A fresh store per test on both dialects: SQLite in a temporary directory, PostgreSQL in a schema of
// its own in the `test` database (dropped afterwards). GRAPHSOC_TEST_PG_URL overrides the server.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { type Dialect, migrateToLatest, openDatabase, type Store } from '../../src/platform/db/index.js';
import { tempDir } from './tmp.js';

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];
export const PG_BASE_URL = process.env.GRAPHSOC_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  url: string;
  store: Store;
  /** Closes the store and removes the schema or file. */
  cleanup(): Promise<void>;
}

export function testDatabaseUrl(dialect: Dialect): { url: string; schema?: string } {
  if (dialect === 'sqlite') return { url: `sqlite:${join(tempDir(), 'graphsoc.db')}` };
  const schema = `gsoc_t_${randomBytes(5).toString('hex')}`;
  return { url: `${PG_BASE_URL}?schema=${schema}`, schema };
}

export async function openTestDatabase(
  dialect: Dialect,
  opts: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const { url, schema } = testDatabaseUrl(dialect);
  const store = await openDatabase(url);
  if (opts.migrate !== false) await migrateToLatest(store);
  return {
    url,
    store,
    async cleanup() {
      if (schema) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
      await store.close();
    },
  };
}
