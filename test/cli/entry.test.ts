// src/cli.ts as an operator runs it, in a child process: the process's streams, environment and exit
// status. What the commands answer is tested in process (test/helpers/cli.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphsocProcess } from '../helpers/cli.js';
import { tempFile } from '../helpers/tmp.js';

const broken = tempFile('graphsoc.toml', '[server]\nport = "eighty"\n');
// Started together: each pays for starting Node and tsx once.
const runs = Promise.all([
  graphsocProcess(['--help']),
  graphsocProcess(['phishing', 'analyze', '--jobs', '0', 'x.eml']),
  graphsocProcess(['config', 'check'], { env: { GRAPHSOC_CONFIG: broken } }),
]);

test('--help goes to stdout and the process exits 0', async () => {
  const [help] = await runs;
  assert.equal(help.exitCode, 0, help.stderr);
  assert.match(help.stdout, /^Usage: graphsoc \[options\] \[command\]/);
  assert.equal(help.stderr, '');
});

test('a usage error of phishing analyze goes to stderr and the process exits 2', async () => {
  const [, usage] = await runs;
  assert.equal(usage.exitCode, 2);
  assert.match(usage.stderr, /option '-j, --jobs <n>' argument '0' is invalid/);
  assert.equal(usage.stdout, '');
});

test('GRAPHSOC_CONFIG is read from the process environment; a configuration error exits 2', async () => {
  const [, , check] = await runs;
  assert.equal(check.exitCode, 2);
  assert.ok(check.stderr.includes(`${broken}: server.port: expected number; found "eighty"`), check.stderr);
});
