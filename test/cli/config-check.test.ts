// `graphsoc config check`, in process.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { graphsoc } from '../helpers/cli.js';
import { tempFile } from '../helpers/tmp.js';

describe('graphsoc config check', () => {
  test('exits 0 and names the file for a valid configuration', async () => {
    const path = tempFile('graphsoc.toml', '[server]\nport = 9000\n');
    const r = await graphsoc(['config', 'check', '--config', path]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`configuration OK: ${path}`));
  });

  test('exits 2 naming file, key, expected and found', async () => {
    const path = tempFile('graphsoc.toml', '[server]\nport = "eighty"\n');
    const r = await graphsoc(['config', 'check', '--config', path]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /GSOC_CONFIG_INVALID/);
    assert.ok(r.stderr.includes(`${path}: server.port: expected number; found "eighty"`), r.stderr);
  });

  test('takes the file from GRAPHSOC_CONFIG', async () => {
    const path = tempFile('graphsoc.toml', '[log]\nlevel = "loud"\n');
    const r = await graphsoc(['config', 'check'], { env: { GRAPHSOC_CONFIG: path } });
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /log\.level/);
  });

  test('exits 2 for a file that does not exist', async () => {
    const r = await graphsoc(['config', 'check', '--config', '/nonexistent/graphsoc.toml']);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /GSOC_CONFIG_FILE_UNREADABLE.*\/nonexistent\/graphsoc\.toml/);
  });

  test('never prints a secret, even a misplaced one', async () => {
    const secret = 'Very-Secret-Value-123';
    const path = tempFile(
      'graphsoc.toml',
      `[[tenants]]\nname = "contoso"\ntenantId = "t"\nclientId = "c"\nclientSecret = "${secret}"\nauthorityHost = "http://x"\n`,
    );
    const r = await graphsoc(['config', 'check', '--config', path]);
    assert.equal(r.exitCode, 2);
    assert.ok(!`${r.stdout}${r.stderr}`.includes(secret));
  });
});
