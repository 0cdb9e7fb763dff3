import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runPhishingRelease } from '../../src/cli/phishing-release.js';
import { DEFAULT_RETRY, ReportStore } from '../../src/phishing/store/index.js';
import { openDatabase } from '../../src/platform/db/index.js';
import { graphsoc } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
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
  return { store, reports, ids, run, configPath };
}

test('without ids it lists quarantined reports with their reason; nothing changes', async () => {
  const { store, ids, run, reports } = await setup();
  const r = await run({});
  assert.equal(r.code, 0);
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
  assert.deepEqual(r.err, [`report ${ids[2]} is not quarantined`]);
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
  const { store, ids, configPath, reports } = await setup();
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
    stderr: `report ${ids[2]} is not quarantined\n`,
  });
  assert.deepEqual([usage.exitCode, usage.stderr], [2, 'not a report id: abc\n']);
  assert.equal((await reports.quarantined(10)).length, 1);
  await store.close();
});
