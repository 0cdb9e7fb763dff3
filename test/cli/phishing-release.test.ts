// `graphsoc phishing release` on a migrated SQLite database, in process; and its refusal of a
// database serve has not made, on both dialects, with nothing created.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runPhishingRelease } from '../../src/cli/phishing-release.js';
import { DEFAULT_RETRY, ReportStore } from '../../src/phishing/store/index.js';
import { openDatabase } from '../../src/platform/db/index.js';
import { graphsoc } from '../helpers/cli.js';
import { dropSchema, PG_BASE_URL, testPgUrl } from '../helpers/databases.js';
import { tempDir, tempFile } from '../helpers/tmp.js';
import { migrateStore } from '../../src/app/migrations.js';

async function setup() {
  const dir = tempDir();
  const url = `sqlite:${join(dir, 'g.db')}`;
  const configPath = join(dir, 'graphsoc.toml');
  writeFileSync(configPath, `[database]\nurl = "${url}"\n`);
  const store = await openDatabase(url);
  await migrateStore(store);
  const reports = new ReportStore(store.db);
  const ids: number[] = [];
  for (const n of [1, 2, 3]) {
    const { report } = await reports.seen({
      mailbox: 'phish@contoso.com',
      messageId: `m${n}`,
      receivedAt: n,
    });
    ids.push(report.id);
  }
  // Two quarantined, one still pending.
  for (const id of ids.slice(0, 2))
    await reports.fail(id, `Archer refused the value of Source (${id})`, {
      ...DEFAULT_RETRY,
      maxAttempts: 1,
    });
  const run = async (args: { ids?: string[]; all?: boolean }) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runPhishingRelease({
      configPath,
      ids: args.ids ?? [],
      all: args.all ?? false,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    return { code, out, err };
  };
  return { store, reports, ids, run, configPath, url };
}

test('without ids it lists quarantined reports with their reason, naming the database; nothing changes', async () => {
  const { store, ids, run, reports, url } = await setup();
  const r = await run({});
  assert.equal(r.code, 0);
  assert.deepEqual(r.err, [`database: ${url}`]);
  assert.equal(r.out.length, 2);
  assert.match(r.out.join('\n'), new RegExp(`^${ids[1]}\\tphish@contoso.com\\t.*Archer refused`, 'm'));
  assert.equal((await reports.quarantined(10)).length, 2);
  await store.close();
});

test('releases the given reports: pending again with attempts reset; a report not quarantined exits 1', async () => {
  const { store, ids, run, reports } = await setup();
  const r = await run({ ids: [String(ids[0]), String(ids[2])] });
  assert.equal(r.code, 1);
  assert.deepEqual(r.out, [`released report ${ids[0]}`]);
  assert.deepEqual(r.err.slice(1), [`report ${ids[2]} is not quarantined`]);
  const back = await reports.get(ids[0] as number);
  assert.deepEqual({ state: back?.state, attempts: back?.attempts }, { state: 'pending', attempts: 0 });
  assert.equal((await reports.get(ids[1] as number))?.state, 'quarantined');
  await store.close();
});

test('--all releases every quarantined report', async () => {
  const { store, run, reports } = await setup();
  const r = await run({ all: true });
  assert.equal(r.code, 0);
  assert.equal(r.out.length, 2);
  assert.equal((await reports.quarantined(10)).length, 0);
  await store.close();
});

test('usage errors exit 2 before touching the database', async () => {
  const { store, run } = await setup();
  for (const ids of [['abc'], ['0'], ['-3'], ['1.5']]) assert.equal((await run({ ids })).code, 2, ids[0]);
  assert.equal((await run({ ids: ['1'], all: true })).code, 2);
  await store.close();
});

test('the command passes ids and --all on and exits with the status of the release', async () => {
  const { store, ids, configPath, reports, url } = await setup();
  const listed = await graphsoc(['--config', configPath, 'phishing', 'release']);
  assert.equal(listed.exitCode, 0, listed.stderr);
  assert.equal(listed.stdout.trim().split('\n').length, 2);
  const [one, usage] = await Promise.all([
    graphsoc(['phishing', 'release', '--config', configPath, String(ids[0]), String(ids[2])]),
    graphsoc(['phishing', 'release', 'abc']),
  ]);
  assert.deepEqual(one, {
    exitCode: 1,
    stdout: `released report ${ids[0]}\n`,
    stderr: `database: ${url}\nreport ${ids[2]} is not quarantined\n`,
  });
  assert.deepEqual([usage.exitCode, usage.stderr], [2, 'not a report id: abc\n']);
  assert.equal((await reports.quarantined(10)).length, 1);
  await store.close();
});

/** Runs the command on a configuration whose database.url is `url`; the environment is the test's. */
async function releaseWith(url: string, env: NodeJS.ProcessEnv = {}) {
  const path = tempFile('graphsoc.toml', `[database]\nurl = "${url}"\n`);
  return graphsoc(['phishing', 'release', '--config', path], { env });
}

test('a SQLite path with no database behind it is refused, naming it, and no file is created', async () => {
  const dir = tempDir();
  const r = await releaseWith(`sqlite:${dir}/typo/graphsoc.db`);
  assert.equal(r.exitCode, 2);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    `GSOC_CLI_DATABASE_MISSING: no database at sqlite:${dir}/typo/graphsoc.db: phishing release works on the database serve uses and creates none; check database.url\n`,
  );
  assert.equal(existsSync(join(dir, 'typo')), false);
  // A relative path is named with the file it resolves to.
  const relative = await releaseWith('sqlite:./no-such-dir-for-graphsoc/graphsoc.db');
  assert.match(
    relative.stderr,
    new RegExp(
      `no database at sqlite:\\./no-such-dir-for-graphsoc/graphsoc\\.db \\(${process.cwd()}/no-such-dir-for-graphsoc/graphsoc\\.db\\)`,
    ),
  );
});

test('an empty file or one that is no SQLite database is refused and left as it was', async () => {
  for (const content of ['', 'graphsoc.db is not this\n']) {
    const file = tempFile('other.db', content);
    const r = await releaseWith(`sqlite:${file}`);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, new RegExp(`^GSOC_CLI_DATABASE_MISSING: no database at sqlite:${file}: `));
    assert.equal(readFileSync(file, 'utf8'), content);
  }
});

test('a SQLite database without graphsoc tables is refused and gets none', async () => {
  const url = `sqlite:${join(tempDir(), 'other.db')}`;
  const other = await openDatabase(url);
  await other.db.schema.createTable('notes').addColumn('id', 'integer').execute();
  await other.close();
  const r = await releaseWith(url);
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, new RegExp(`^GSOC_CLI_DATABASE_MISSING: no graphsoc tables in ${url}: `));
  const again = await openDatabase(url);
  assert.deepEqual(
    (await again.db.introspection.getTables()).map((t) => t.name),
    ['notes'],
  );
  await again.close();
});

test('GRAPHSOC_DATABASE_URL from the given environment names the database', async () => {
  const dir = tempDir();
  const r = await releaseWith('sqlite:./unused.db', { GRAPHSOC_DATABASE_URL: `sqlite:${dir}/from-env.db` });
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, new RegExp(`no database at sqlite:${dir}/from-env\\.db:`));
});

test('on PostgreSQL, a database that does not exist is refused naming the URL without its password', async () => {
  const base = new URL(PG_BASE_URL);
  base.password = 'Not-Shown-Pass';
  base.pathname = '/gsoc_no_such_database';
  const r = await releaseWith(base.toString());
  assert.equal(r.exitCode, 2, r.stderr);
  assert.match(
    r.stderr,
    /^GSOC_CLI_DATABASE_MISSING: no database at postgres:\/\/[^:]*:\[redacted\]@.*\/gsoc_no_such_database: /,
  );
  assert.ok(!r.stderr.includes('Not-Shown-Pass'));
});

test('on PostgreSQL, a schema without graphsoc tables is refused and no table is created', async () => {
  const { url, schema } = testPgUrl();
  const r = await releaseWith(url);
  const store = await openDatabase(PG_BASE_URL);
  try {
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /^GSOC_CLI_DATABASE_MISSING: no graphsoc tables in postgres:/);
    const tables = await store.db.introspection.getTables();
    assert.deepEqual(
      tables.filter((t) => t.schema === schema),
      [],
    );
  } finally {
    await dropSchema(store, schema);
    await store.close();
  }
});
