// src/cli.ts as an operator runs it, in a child process: the process's streams, environment and exit
// status. What the commands answer is tested in process (test/helpers/cli.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphsocProcess } from '../helpers/cli.js';
import { tempFile } from '../helpers/tmp.js';

const broken = tempFile('graphsoc.toml', '[server]\nport = "eighty"\n');
// Started together, so their start-ups overlap.
const runs = Promise.all([
  graphsocProcess(['--help']),
  graphsocProcess(['config', 'check'], { env: { GRAPHSOC_CONFIG: broken } }),
]);

test('--help goes to stdout and the process exits 0', async () => {
  const [help] = await runs;
  assert.equal(help.exitCode, 0, help.stderr);
  assert.match(help.stdout, /^Usage: graphsoc \[options\] \[command\]/);
  assert.equal(help.stderr, '');
});

test('GRAPHSOC_CONFIG is read from the process environment; a configuration error goes to stderr and exits 2', async () => {
  const [, check] = await runs;
  assert.equal(check.exitCode, 2);
  assert.equal(check.stdout, '');
  assert.ok(
    check.stderr.includes(
      `${broken}: server.port: expected a number, written without quotes; found "eighty"`,
    ),
    check.stderr,
  );
});
