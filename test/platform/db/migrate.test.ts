// Migrations on both dialects: idempotent, transactional on failure, safe with several instances.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { FEATURE_MIGRATIONS, migrateStore } from '../../../src/app/migrations.js';
import {
  allMigrations,
  MIGRATION_TABLE,
  type MigrationSet,
  migrateToLatest,
  openDatabase,
  type Store,
} from '../../../src/platform/db/index.js';
import {
  DIALECTS,
  dropSchema,
  openTestDatabase,
  type TestDatabase,
  testPgUrl,
} from '../../helpers/databases.js';

/** Every migration of the platform and the registered features, in order; a new one is added here too. */
const ALL_MIGRATIONS = [
  '0001_leases',
  '0002_phishing',
  '0003_phishing_aliases',
  '0004_phishing_failing_since',
  '0005_phishing_case_claims',
  '0006_phishing_report_copies',
  '0007_phishing_templates',
  '0008_intel',
  '0009_console',
  '0010_phishing_console',
  '0011_relay_stats',
  '0012_health_events',
  '0013_console_sign_in_flows',
  '0014_accounts',
];

/** The platform's own migrations, which migrateToLatest applies without any feature's set. */
const PLATFORM_MIGRATIONS = [
  '0001_leases',
  '0009_console',
  '0012_health_events',
  '0013_console_sign_in_flows',
];

/** A feature's set with one migration that creates a table of that name. */
const tableSet = (owner: string, name: string, table: string): MigrationSet => ({
  owner,
  migrations: () => ({
    [name]: {
      up: async (db: Kysely<unknown>) => {
        await db.schema.createTable(table).addColumn('id', 'integer').execute();
      },
    },
  }),
});

/**
 * The tables of the store's own schema. On PostgreSQL only that schema is asked about: kysely's
 * introspection reads every schema of the database, and another test dropping its own schema at that
 * moment made it fail with "schema … does not exist" (a CI run under load).
 */
const tableNames = async (store: Store, schema: string | undefined) => {
  if (schema === undefined)
    return (await store.db.introspection.getTables({ withInternalKyselyTables: true }))
      .map((t) => t.name)
      .sort();
  const rows = await sql<{ name: string }>`
    select table_name as name from information_schema.tables where table_schema = ${schema}`.execute(
    store.db,
  );
  return rows.rows.map((r) => r.name).sort();
};

for (const dialect of DIALECTS) {
  describe(`migrations on ${dialect}`, () => {
    const open: TestDatabase[] = [];
    const fresh = async () => {
      const t = await openTestDatabase(dialect, { migrate: false });
      open.push(t);
      return t;
    };
    after(() => Promise.all(open.map((t) => t.cleanup())));

    test('apply once, then find nothing to do', async () => {
      const { store, schema } = await fresh();
      assert.deepEqual(await migrateToLatest(store.db, FEATURE_MIGRATIONS), ALL_MIGRATIONS);
      assert.deepEqual(await migrateToLatest(store.db, FEATURE_MIGRATIONS), []);
      assert.deepEqual(await migrateStore(store), [], 'the store itself is accepted too');
      assert.deepEqual(await tableNames(store, schema), [
        'accounts_audit',
        'accounts_codes',
        'accounts_import_refusals',
        'accounts_imports',
        'accounts_portal_sessions',
        'accounts_requests',
        'accounts_status_links',
        'console_audit',
        'console_sessions',
        'console_sign_in_attempts',
        'console_sign_in_flows',
        'graphsoc_migration',
        'graphsoc_migration_lock',
        'health_events',
        'intel_in_flight',
        'intel_indicators',
        'intel_runs',
        'intel_sink_state',
        'intel_source_cursors',
        'kv_state',
        'lease_events',
        'leases',
        'phishing_campaign_aliases',
        'phishing_campaigns',
        'phishing_report_iocs',
        'phishing_report_templates',
        'phishing_reports',
        'relay_stats',
      ]);
    });

    test("without features' sets only the platform's tables are made; the features' come later", async () => {
      const { store, schema } = await fresh();
      assert.deepEqual(await migrateToLatest(store), PLATFORM_MIGRATIONS);
      assert.ok(!(await tableNames(store, schema)).includes('phishing_reports'));
      assert.deepEqual(
        await migrateStore(store),
        ALL_MIGRATIONS.filter((m) => !PLATFORM_MIGRATIONS.includes(m)),
      );
    });

    test('a migration numbered below ones already applied (a platform one added later) is still applied', async () => {
      const { store, schema } = await fresh();
      const later = tableSet('later', '0950_later', 'later_t');
      assert.deepEqual(await migrateToLatest(store, [later]), [...PLATFORM_MIGRATIONS, '0950_later']);
      const platformAddition = tableSet('platform-2', '0900_platform_addition', 'platform_addition_t');
      assert.deepEqual(await migrateToLatest(store, [platformAddition, later]), ['0900_platform_addition']);
      assert.ok((await tableNames(store, schema)).includes('platform_addition_t'));
    });

    test('a migration that was applied but is no longer listed stops the start', async () => {
      const { store } = await fresh();
      await migrateToLatest(store, [tableSet('gone', '0951_gone', 'gone_t')]);
      await assert.rejects(migrateToLatest(store), /GSOC|0951_gone/);
    });

    test('lease events get increasing ids', async () => {
      const { store } = await fresh();
      await migrateToLatest(store.db);
      const e = { name: 'n', owner: 'o', epoch: 1, event: 'acquired' as const, at: 1, detail: null };
      await store.db.insertInto('lease_events').values([e, e, e]).execute();
      const ids = (await store.db.selectFrom('lease_events').select('id').orderBy('id').execute()).map(
        (r) => r.id,
      );
      assert.equal(new Set(ids).size, 3);
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => a - b),
      );
    });

    test('a failing migration throws GSOC_DB_MIGRATION_FAILED naming it, and applies nothing', async () => {
      const { store } = await fresh();
      await sql`create table leases (x integer)`.execute(store.db);
      await assert.rejects(migrateToLatest(store.db), (e: Error & { code?: string; details?: unknown }) => {
        assert.equal(e.code, 'GSOC_DB_MIGRATION_FAILED');
        assert.match(e.message, /migration 0001_leases failed: .*leases/);
        assert.deepEqual(e.details, { migration: '0001_leases' });
        return true;
      });
      const applied = await sql`select * from ${sql.table(MIGRATION_TABLE)}`.execute(store.db);
      assert.equal(applied.rows.length, 0);
    });
  });
}

describe('migrations on PostgreSQL with several instances', () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const c of cleanups) await c();
  });
  const openShared = async (count: number, opts: { statementTimeoutMs?: number; poolSize?: number } = {}) => {
    const { url, schema } = testPgUrl();
    const stores = await Promise.all(Array.from({ length: count }, () => openDatabase(url, opts)));
    cleanups.push(async () => {
      await dropSchema(stores[0]!, schema);
      await Promise.all(stores.map((s) => s.close()));
    });
    return stores;
  };

  test('three instances migrating one schema at once all succeed and apply each migration once', async () => {
    const stores = await openShared(3);
    const results = await Promise.all(stores.map((s) => migrateStore(s)));
    assert.deepEqual(results.flat(), ALL_MIGRATIONS);
    const n = await sql<{ n: number }>`select count(*)::int as n from graphsoc_migration`.execute(
      stores[0]!.db,
    );
    assert.equal(n.rows[0]?.n, ALL_MIGRATIONS.length);
  });

  test('each schema keeps its own history', async () => {
    const [a] = await openShared(1);
    const [b] = await openShared(1);
    assert.deepEqual(await migrateStore(a!), ALL_MIGRATIONS);
    assert.deepEqual(await migrateStore(b!), ALL_MIGRATIONS);
  });

  test('migrating is not disturbed by other schemas of the database being dropped meanwhile', async () => {
    const [admin] = await openShared(1);
    let stop = false;
    const churn = (async () => {
      for (let i = 0; !stop; i++) {
        const s = `${testPgUrl().schema}_churn${i}`;
        await sql`create schema ${sql.id(s)}`.execute(admin!.db);
        await sql`create table ${sql.id(s)}.t (id serial primary key)`.execute(admin!.db);
        await sql`drop schema ${sql.id(s)} cascade`.execute(admin!.db);
      }
    })();
    try {
      for (let i = 0; i < 10; i++) {
        const [s] = await openShared(1);
        assert.deepEqual(await migrateStore(s!), ALL_MIGRATIONS);
      }
    } finally {
      stop = true;
      await churn;
    }
  });

  test('waiting for another instance may outlast the statement timeout, which is restored afterwards', async () => {
    const [a, other] = await openShared(2, { statementTimeoutMs: 300, poolSize: 1 });
    await migrateToLatest(a!.db);
    // Another instance holds the migration table for longer than the 300 ms statement timeout. The
    // order of events proves the wait: the migration can finish only after the lock is released.
    const events: string[] = [];
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holding = other!.db.transaction().execute(async (trx) => {
      await sql`lock table ${sql.table(MIGRATION_TABLE)} in access exclusive mode`.execute(trx);
      locked();
      await sleep(1200);
      events.push('released');
    });
    await isLocked;
    assert.deepEqual(await migrateToLatest(a!.db), []);
    events.push('migrated');
    await holding;
    assert.deepEqual(events, ['released', 'migrated']);
    const r = await sql<{ t: string }>`select current_setting('statement_timeout') as t`.execute(a!.db);
    assert.equal(r.rows[0]?.t, '300ms');
  });
});

describe('the migrations of every owner', () => {
  test('the registry lists exactly the migrations above, each number once', () => {
    assert.deepEqual(
      Object.keys(allMigrations(FEATURE_MIGRATIONS, 'sqlite')).sort(),
      ALL_MIGRATIONS.filter((m) => !PLATFORM_MIGRATIONS.includes(m)),
    );
  });

  test('a number two owners both use is refused before anything runs', () => {
    assert.throws(
      () => allMigrations([tableSet('a', '0007_a', 'a_t'), tableSet('b', '0007_b', 'b_t')], 'sqlite'),
      /GSOC_DB_MIGRATION_FAILED|repeats number 0007 of a/,
    );
  });

  test('a name that is not NNNN_snake_case is refused', () => {
    for (const bad of ['7_x', 'intel/0007_x', '0007-x', '0007_X', '00071_x'])
      assert.throws(() => allMigrations([tableSet('a', bad, 'a_t')], 'sqlite'), /NNNN_snake_case/, bad);
  });
});
