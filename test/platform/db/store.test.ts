import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, pingDatabase } from '../../../src/platform/db/index.js';
import { DIALECTS, openTestDatabase, testDatabaseUrl } from '../../helpers/databases.js';
import { tempFile } from '../../helpers/tmp.js';

for (const dialect of DIALECTS) {
  describe(`store on ${dialect}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const c of cleanups) await c();
    });

    test('applies the migrations once, then finds nothing to do', async () => {
      const t = await openTestDatabase(dialect, { migrate: false });
      cleanups.push(t.cleanup);
      assert.deepEqual(await migrateToLatest(t.store), ['0001_leases']);
      assert.deepEqual(await migrateToLatest(t.store), []);
      await pingDatabase(t.store.db);
      await t.store.db
        .insertInto('kv_state')
        .values({ key: 'k', value: 'v', updated_at: 1_790_000_000_000 })
        .execute();
      const row = await t.store.db.selectFrom('kv_state').selectAll().executeTakeFirstOrThrow();
      // bigint columns come back as numbers on both dialects
      assert.equal(row.updated_at, 1_790_000_000_000);
    });

    test('lease events get increasing ids', async () => {
      const t = await openTestDatabase(dialect);
      cleanups.push(t.cleanup);
      const e = { name: 'n', owner: 'o', epoch: 1, event: 'acquired' as const, at: 1, detail: null };
      await t.store.db.insertInto('lease_events').values([e, e, e]).execute();
      const ids = (await t.store.db.selectFrom('lease_events').select('id').orderBy('id').execute()).map(
        (r) => r.id,
      );
      assert.equal(new Set(ids).size, 3);
    });
  });
}

describe('store on postgres: several instances', () => {
  test('two instances migrating the same schema at once both succeed and apply each migration once', async () => {
    const { url, schema } = testDatabaseUrl('postgres');
    const [a, b] = await Promise.all([openDatabase(url), openDatabase(url)]);
    try {
      const [ra, rb] = await Promise.all([migrateToLatest(a), migrateToLatest(b)]);
      assert.deepEqual([...ra, ...rb], ['0001_leases']);
      const n = await sql<{ n: string }>`select count(*) as n from graphsoc_migration`.execute(a.db);
      assert.equal(Number(n.rows[0]?.n), 1);
    } finally {
      await sql`drop schema if exists ${sql.id(schema ?? '')} cascade`.execute(a.db);
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('two schemas in one database keep separate migration histories', async () => {
    const x = await openTestDatabase('postgres');
    const y = await openTestDatabase('postgres', { migrate: false });
    try {
      assert.deepEqual(await migrateToLatest(y.store), ['0001_leases']);
    } finally {
      await x.cleanup();
      await y.cleanup();
    }
  });

  test('an unreachable server fails with GSOC_DB_UNREACHABLE, the host, and no password', async () => {
    await assert.rejects(
      openDatabase('postgres://gs:hunter2@127.0.0.1:1/test'),
      (e: Error & { code?: string }) => {
        assert.equal(e.code, 'GSOC_DB_UNREACHABLE');
        assert.match(e.message, /127\.0\.0\.1:1/);
        assert.ok(!e.message.includes('hunter2'));
        return true;
      },
    );
  });
});

test('an unusable SQLite path fails with GSOC_DB_UNREACHABLE naming the path', async () => {
  // A directory that cannot be created: its parent is a regular file.
  const path = `${tempFile('not-a-dir', 'x')}/sub/graphsoc.db`;
  await assert.rejects(openDatabase(`sqlite:${path}`), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'GSOC_DB_UNREACHABLE');
    assert.ok(e.message.includes(path), e.message);
    return true;
  });
});
