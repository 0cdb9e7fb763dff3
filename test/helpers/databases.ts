// A fresh store per test on both dialects: SQLite in a temporary directory, PostgreSQL in a schema of
// its own in the `test` database (dropped at cleanup). GRAPHSOC_TEST_PG_URL overrides the server.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { type Dialect, type OpenOptions, openDatabase, type Store } from '../../src/platform/db/index.js';
import { migrateStore } from '../../src/app/migrations.js';
import { tempDir } from './tmp.js';

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];
export const PG_BASE_URL = process.env.GRAPHSOC_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  url: string;
  store: Store;
  /** PostgreSQL only: the schema this test owns. */
  schema?: string;
  /** Drops the schema (PostgreSQL), then closes the store; safe to call twice. */
  cleanup(): Promise<void>;
}

/** A PostgreSQL URL with a schema of its own; extra query parameters are appended. */
export function testPgUrl(params: Record<string, string> = {}): { url: string; schema: string } {
  const schema = `gsoc_t_${randomBytes(5).toString('hex')}`;
  const query = new URLSearchParams({ schema, ...params }).toString();
  return { url: `${PG_BASE_URL}${PG_BASE_URL.includes('?') ? '&' : '?'}${query}`, schema };
}

export function testDatabaseUrl(dialect: Dialect): { url: string; schema?: string } {
  if (dialect === 'sqlite') return { url: `sqlite:${join(tempDir(), 'graphsoc.db')}` };
  return testPgUrl();
}

/** Drops a test schema through any open PostgreSQL store. */
export async function dropSchema(store: Store, schema: string): Promise<void> {
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
}

export async function openTestDatabase(
  dialect: Dialect,
  opts: { migrate?: boolean; open?: OpenOptions } = {},
): Promise<TestDatabase> {
  const { url, schema } = testDatabaseUrl(dialect);
  const store = await openDatabase(url, opts.open);
  // The platform's tables and every registered feature's, as a running instance has them.
  if (opts.migrate !== false) await migrateStore(store);
  let done: Promise<void> | undefined;
  return {
    url,
    store,
    ...(schema ? { schema } : {}),
    cleanup() {
      done ??= (async () => {
        if (schema) await dropSchema(store, schema);
        await store.close();
      })();
      return done;
    },
  };
}

/** The same as openTestDatabase; the name the lease and runner tests use. */
export const openTestStore = openTestDatabase;
