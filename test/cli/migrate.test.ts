// `graphsoc db migrate`, in process: it names the database it migrates and reads the environment it is
// given, as the other commands do.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { allMigrations, platformMigrations } from '../../src/platform/db/index.js';
import { FEATURE_MIGRATIONS } from '../../src/app/migrations.js';
import { graphsoc } from '../helpers/cli.js';
import { tempDir, tempFile } from '../helpers/tmp.js';

const ALL = Object.keys(allMigrations([platformMigrations, ...FEATURE_MIGRATIONS], 'sqlite')).sort();

test('applies every migration once, naming the database each time', async () => {
  const url = `sqlite:${join(tempDir(), 'graphsoc.db')}`;
  const env = { GRAPHSOC_DATABASE_URL: url };
  const first = await graphsoc(['db', 'migrate'], { env });
  assert.deepEqual(first, {
    exitCode: 0,
    stdout: `${url}: applied ${ALL.length}: ${ALL.join(', ')}\n`,
    stderr: '',
  });
  const second = await graphsoc(['db', 'migrate'], { env });
  assert.deepEqual(second, { exitCode: 0, stdout: `${url}: up to date\n`, stderr: '' });
});

test('a configuration problem exits 2 and migrates nothing', async () => {
  const dir = tempDir();
  const path = tempFile(
    'graphsoc.toml',
    `[database]\nurl = "sqlite:${dir}/graphsoc.db"\n[leases]\nttlSec = "30"\n`,
  );
  const r = await graphsoc(['db', 'migrate', '--config', path]);
  assert.deepEqual(r, {
    exitCode: 2,
    stdout: '',
    stderr: `GSOC_CONFIG_INVALID: invalid configuration:\n  ${path}: leases.ttlSec: expected a number, written without quotes; found "30"\n`,
  });
  assert.equal(existsSync(join(dir, 'graphsoc.db')), false);
});
