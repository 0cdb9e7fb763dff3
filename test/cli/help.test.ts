import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

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

test('every command answers --help with its usage and exits 0', () => {
  for (const cmd of COMMANDS) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...cmd, '--help'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 0, `${cmd.join(' ')}: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`Usage: graphsoc ${cmd.join(' ')}`.trim()), cmd.join(' '));
  }
});

test('a port that is not a number is refused with what was expected and found', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'sandbox', '--port', 'eighty'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /expected a port number 0-65535, found "eighty"/);
});
