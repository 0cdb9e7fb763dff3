// The accounts bench, run small so it keeps working as provisioning and the portal change: the import
// is provisioned in full, nothing lost or doubled, and the line has the shape bench:accounts prints.
// No timing and no budget share is asserted (a short run is all window edges).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';

test('bench:accounts provisions a small import with no orphan and no duplicate and prints one JSON line', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/accounts.ts'], {
    env: { ...process.env, BENCH_ROWS: '40', BENCH_PAGES: '5' },
    timeout: 180_000,
  });
  const lines = stdout.trim().split('\n');
  assert.equal(lines.length, 1, stdout);
  const r = JSON.parse(lines[0] as string);
  assert.equal(r.rows, 40);
  assert.equal(r.done, 40);
  assert.equal(r.failed, 0);
  assert.equal(r.orphans, 0);
  assert.equal(r.duplicates, 0);
  assert.equal(r.writes, 160, 'four writes per account: user, licence, two groups');
  for (const page of ['start', 'sendCode', 'status']) assert.equal(typeof r.publicPageP95Ms[page], 'number');
});
