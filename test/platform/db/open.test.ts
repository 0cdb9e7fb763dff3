// Opening stores: SQLite files and memory, PostgreSQL pools (schema, timeouts, lost connections, errors).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, pingDatabase, type Store } from '../../../src/platform/db/index.js';
import {
  DIALECTS,
  dropSchema,
  openTestDatabase,
  PG_BASE_URL,
  type TestDatabase,
  testPgUrl,
} from '../../helpers/databases.js';
import { tempDir, tempFile } from '../../helpers/tmp.js';

for (const dialect of DIALECTS) {
  describe(`opening a ${dialect} store`, () => {
    const open: TestDatabase[] = [];
    after(() => Promise.all(open.map((t) => t.cleanup())));

    test('answers a ping and returns bigint columns as numbers', async () => {
      const t = await openTestDatabase(dialect);
      open.push(t);
      assert.equal(t.store.dialect, dialect);
      await pingDatabase(t.store.db);
      await t.store.db
        .insertInto('kv_state')
        .values({ key: 'k', value: 'v', updated_at: 1_790_000_000_123 })
        .execute();
      const row = await t.store.db.selectFrom('kv_state').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.updated_at, 1_790_000_000_123);
      const count = await t.store.db
        .selectFrom('kv_state')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(count.n, 1);
    });

    test('closing twice is harmless', async () => {
      const t = await openTestDatabase(dialect);
      await t.cleanup();
      await t.store.close();
    });
  });
}

describe('SQLite', () => {
  test('creates the parent directory and uses write-ahead logging', async () => {
    const path = join(tempDir(), 'nested', 'deeper', 'graphsoc.db');
    const store = await openDatabase(`sqlite:${path}`);
    try {
      assert.ok(existsSync(path));
      const r = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      assert.equal(r.rows[0]?.journal_mode, 'wal');
      const b = await sql<{ timeout: number }>`pragma busy_timeout`.execute(store.db);
      assert.ok((b.rows[0]?.timeout ?? 0) > 0);
    } finally {
      await store.close();
    }
  });

  test('opens a memory database', async () => {
    const store = await openDatabase('sqlite::memory:');
    await pingDatabase(store.db);
    assert.equal(store.display, 'sqlite::memory:');
    await store.close();
  });

  test('an unusable path fails with GSOC_DB_UNREACHABLE naming the path', async () => {
    // The directory cannot be created: its parent is a regular file.
    const path = `${tempFile('not-a-dir', 'x')}/sub/graphsoc.db`;
    await assert.rejects(openDatabase(`sqlite:${path}`), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'GSOC_DB_UNREACHABLE');
      assert.ok(e.message.includes(path), e.message);
      return true;
    });
  });
});

describe('PostgreSQL', () => {
  const stores: Array<{ store: Store; schema: string }> = [];
  const openPg = async (params: Record<string, string> = {}, poolSize?: number) => {
    const { url, schema } = testPgUrl(params);
    const store = await openDatabase(url, poolSize ? { poolSize } : {});
    stores.push({ store, schema });
    return { store, schema };
  };
  after(async () => {
    for (const { store, schema } of stores) {
      await dropSchema(store, schema).catch(() => undefined);
      await store.close();
    }
  });

  test('every pooled connection gets the schema, a statement timeout and a graphsoc name', async () => {
    const { store, schema } = await openPg();
    // Six statements that overlap in time take six connections from the pool.
    const rows = await Promise.all(
      Array.from({ length: 6 }, () =>
        sql<{ path: string; timeout: string; app: string; pid: number }>`
          select current_setting('search_path') as path, current_setting('statement_timeout') as timeout,
                 current_setting('application_name') as app, pg_backend_pid() as pid, pg_sleep(0.05)`.execute(
          store.db,
        ),
      ),
    );
    assert.ok(new Set(rows.map((r) => r.rows[0]?.pid)).size > 1, 'expected several connections');
    for (const r of rows)
      assert.deepEqual(
        { ...r.rows[0], pid: 0 },
        { path: schema, timeout: '10s', app: 'graphsoc', pid: 0, pg_sleep: '' },
      );
  });

  test('keeps its int8 parser to its own pool', async () => {
    await openPg();
    assert.equal(pg.types.getTypeParser(20)('42'), '42');
  });

  test('merges startup options from the URL with its own', async () => {
    const { store, schema } = await openPg({ options: '-c lock_timeout=1234' });
    const r = await sql<{ lt: string; sp: string }>`
      select current_setting('lock_timeout') as lt, current_setting('search_path') as sp`.execute(store.db);
    assert.deepEqual(r.rows[0], { lt: '1234ms', sp: schema });
  });

  test('two schemas in one database do not see each other', async () => {
    const a = await openPg();
    const b = await openPg();
    await sql`create table marker (x int)`.execute(a.store.db);
    await assert.rejects(sql`select * from marker`.execute(b.store.db), /does not exist/);
  });

  test('survives killed connections, idle or inside a transaction, and reconnects', async () => {
    const name = `gsoc_t_kill_${process.pid}`;
    const { store } = await openPg({ application_name: name });
    await Promise.all([pingDatabase(store.db), pingDatabase(store.db)]);
    // A connection kysely holds (a transaction) dies under it: pg then emits 'error' on that client.
    await assert.rejects(
      store.db.transaction().execute(async (trx) => {
        await sql`select pg_terminate_backend(pg_backend_pid())`.execute(trx);
      }),
    );
    // Idle pooled connections die too, as in a server restart.
    const admin = await openDatabase(PG_BASE_URL);
    try {
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${name}`.execute(
        admin.db,
      );
    } finally {
      await admin.close();
    }
    // The process is still here, and the next queries get fresh connections.
    let ok = false;
    for (let i = 0; i < 5 && !ok; i++)
      ok = await pingDatabase(store.db).then(
        () => true,
        () => false,
      );
    assert.ok(ok);
  });

  test('an unreachable server fails with a retryable GSOC_DB_UNREACHABLE, the host, and no password', async () => {
    await assert.rejects(
      openDatabase('postgres://gs:hunter2@127.0.0.1:1/test?schema=s'),
      (e: Error & { code?: string; retryable?: boolean; actor?: string }) => {
        assert.equal(e.code, 'GSOC_DB_UNREACHABLE');
        assert.equal(e.retryable, true);
        assert.equal(e.actor, 'remote');
        assert.match(e.message, /127\.0\.0\.1:1/);
        assert.ok(!e.message.includes('hunter2'), e.message);
        return true;
      },
    );
  });

  test('a refused login names the user but never the password', async () => {
    await assert.rejects(
      openDatabase(`postgres://no_such_role_gsoc:hunter2@${new URL(PG_BASE_URL).host}/test`),
      (e: Error & { code?: string }) => {
        assert.equal(e.code, 'GSOC_DB_UNREACHABLE');
        assert.ok(!e.message.includes('hunter2'), e.message);
        assert.ok(!JSON.stringify(e).includes('hunter2'));
        return true;
      },
    );
  });
});
