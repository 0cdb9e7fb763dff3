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

test("every command's help shows -c/--config and where the file is looked for", async () => {
  for (const cmd of COMMANDS) {
    const help = (await graphsoc([...cmd, '--help'])).stdout.replace(/\s+/g, ' ');
    assert.match(
      help,
      /-c, --config <path> configuration file \(TOML\); without it, the file GRAPHSOC_CONFIG names, else \.\/graphsoc\.toml if present, else none/,
      cmd.join(' ') || '(top level)',
    );
  }
});

test('the top-level help describes what exists and marks what is coming', async () => {
  const help = (await graphsoc(['--help'])).stdout.replace(/\s+/g, ' ');
  assert.match(help, /phishing reports become RSA Archer incidents/);
  assert.match(help, /TruSTAR and TAXII 2\.1 indicators reach Sentinel, Defender and Graph tiIndicators/);
  assert.match(help, /Coming: self-service accounts\./);
  assert.match(
    help,
    /Exit status of every command: 0 done, 1 the command failed, 2 a usage or configuration error; intel sync: 3 while serve syncs the same source and sink\./,
  );
});

test('--version prints the version and exits 0', async () => {
  const r = await graphsoc(['--version']);
  assert.deepEqual(r, { exitCode: 0, stdout: `${VERSION}\n`, stderr: '' });
});

test('a command group without its command, or an unknown command, shows the usage on stderr and exits 2', async () => {
  const [none, group, unknown] = await Promise.all([graphsoc([]), graphsoc(['config']), graphsoc(['nope'])]);
  for (const r of [none, group, unknown]) {
    assert.equal(r.exitCode, 2, r.stderr);
    assert.equal(r.stdout, '');
  }
  assert.match(none.stderr, /^Usage: graphsoc \[options\] \[command\]/);
  assert.match(group.stderr, /^Usage: graphsoc config/);
  assert.match(unknown.stderr, /^error: unknown command 'nope'/);
});

test('a port that is not a number is a usage error with what was expected and found', async () => {
  for (const port of ['eighty', '-1', '1.5', '70000']) {
    const r = await graphsoc(['sandbox', '--port', port]);
    assert.equal(r.exitCode, 2, port);
    assert.match(
      r.stderr,
      new RegExp(
        `^error: option '-p, --port <port>' argument '${port}' is invalid. expected a port number 0-65535, found "${port}"`,
      ),
    );
  }
});

test('GRAPHSOC_PORT is checked like --port, naming the variable, and --port wins over it', async () => {
  const env = { GRAPHSOC_PORT: 'eighty' };
  const fromEnv = await graphsoc(['serve'], { env });
  assert.equal(fromEnv.exitCode, 2);
  assert.match(
    fromEnv.stderr,
    /^error: environment variable GRAPHSOC_PORT \(for -p, --port <port>\) is invalid. expected a port number 0-65535, found "eighty"/,
  );
  // With --port the variable is not read: the unknown option is the only complaint.
  const given = await graphsoc(['serve', '--port', '8080', '--bogus'], { env });
  assert.equal(given.exitCode, 2);
  assert.match(given.stderr, /^error: unknown option '--bogus'/);
});

test('a usage error exits 2 in every command, before anything is done', async () => {
  const runs = await Promise.all([
    graphsoc(['config', 'check', '--bogus']),
    graphsoc(['config', 'check', 'extra']),
    graphsoc(['db', 'migrate', '--bogus']),
    graphsoc(['relay', 'token']),
    graphsoc(['phishing', 'analyze']),
    graphsoc(['phishing', 'release', 'abc']),
    graphsoc(['phishing', 'release', '--bogus']),
    graphsoc(['serve', '--bogus']),
    graphsoc(['sandbox', '--port']),
    graphsoc(['--config']),
  ]);
  for (const r of runs) {
    assert.equal(r.exitCode, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.notEqual(r.stderr, '');
  }
});
