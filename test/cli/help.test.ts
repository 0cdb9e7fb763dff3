// The program's own answers, in process: --help and --version, and the usage errors commander reports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VERSION } from '../../src/platform/version.js';
import { graphsoc } from '../helpers/cli.js';

const COMMANDS = [
  [],
  ['serve'],
  ['sandbox'],
  ['config'],
  ['config', 'check'],
  ['db'],
  ['db', 'migrate'],
  ['relay'],
  ['relay', 'token'],
  ['phishing'],
  ['phishing', 'analyze'],
  ['phishing', 'release'],
];

test('every command answers --help with its usage and exits 0', async () => {
  for (const cmd of COMMANDS) {
    const r = await graphsoc([...cmd, '--help']);
    assert.equal(r.exitCode, 0, `${cmd.join(' ')}: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`Usage: graphsoc ${cmd.join(' ')}`.trim()), cmd.join(' '));
  }
});

test('--version prints the version and exits 0', async () => {
  const r = await graphsoc(['--version']);
  assert.deepEqual(r, { exitCode: 0, stdout: `${VERSION}\n`, stderr: '' });
});

test('a command group without its command, or an unknown command, shows the usage on stderr and exits 1', async () => {
  const [none, group, unknown] = await Promise.all([graphsoc([]), graphsoc(['config']), graphsoc(['nope'])]);
  for (const r of [none, group, unknown]) {
    assert.equal(r.exitCode, 1, r.stderr);
    assert.equal(r.stdout, '');
  }
  assert.match(none.stderr, /^Usage: graphsoc \[options\] \[command\]/);
  assert.match(group.stderr, /^Usage: graphsoc config/);
  assert.match(unknown.stderr, /^error: unknown command 'nope'/);
});

test('a port that is not a number is refused with what was expected and found', async () => {
  const r = await graphsoc(['sandbox', '--port', 'eighty']);
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /expected a port number 0-65535, found "eighty"/);
});

test('GRAPHSOC_PORT is checked like --port, and --port wins over it', async () => {
  const env = { GRAPHSOC_PORT: 'eighty' };
  const fromEnv = await graphsoc(['serve'], { env });
  assert.equal(fromEnv.exitCode, 1);
  assert.match(fromEnv.stderr, /expected a port number 0-65535, found "eighty"/);
  // With --port the variable is not read: the unknown option is the only complaint.
  const given = await graphsoc(['serve', '--port', '8080', '--bogus'], { env });
  assert.equal(given.exitCode, 1);
  assert.match(given.stderr, /^error: unknown option '--bogus'/);
});
