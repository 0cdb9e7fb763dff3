import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { tempFile } from '../helpers/tmp.js';

function graphsoc(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('graphsoc config check', () => {
  test('exits 0 and names the file for a valid configuration', () => {
    const path = tempFile('graphsoc.toml', '[server]\nport = 9000\n');
    const r = graphsoc(['config', 'check', '--config', path]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`configuration OK: ${path}`));
  });

  test('exits 2 naming file, key, expected and found', () => {
    const path = tempFile('graphsoc.toml', '[server]\nport = "eighty"\n');
    const r = graphsoc(['config', 'check', '--config', path]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /GSOC_CONFIG_INVALID/);
    assert.ok(r.stderr.includes(`${path}: server.port: expected number; found "eighty"`), r.stderr);
  });

  test('takes the file from GRAPHSOC_CONFIG', () => {
    const path = tempFile('graphsoc.toml', '[log]\nlevel = "loud"\n');
    const r = graphsoc(['config', 'check'], { GRAPHSOC_CONFIG: path });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /log\.level/);
  });

  test('exits 2 for a file that does not exist', () => {
    const r = graphsoc(['config', 'check', '--config', '/nonexistent/graphsoc.toml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /GSOC_CONFIG_FILE_UNREADABLE.*\/nonexistent\/graphsoc\.toml/);
  });

  test('never prints a secret, even a misplaced one', () => {
    const secret = 'Very-Secret-Value-123';
    const path = tempFile(
      'graphsoc.toml',
      `[[tenants]]\nname = "contoso"\ntenantId = "t"\nclientId = "c"\nclientSecret = "${secret}"\nauthorityHost = "http://x"\n`,
    );
    const r = graphsoc(['config', 'check', '--config', path]);
    assert.equal(r.code, 2);
    assert.ok(!`${r.stdout}${r.stderr}`.includes(secret));
  });

  test('every command answers --help', () => {
    for (const args of [
      [],
      ['serve'],
      ['sandbox'],
      ['config'],
      ['config', 'check'],
      ['db'],
      ['db', 'migrate'],
    ]) {
      const r = graphsoc([...args, '--help']);
      assert.equal(r.code, 0, `graphsoc ${args.join(' ')} --help: ${r.stderr}`);
      assert.match(r.stdout, /Usage: graphsoc/);
    }
  });
});
