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
    assert.ok(
      r.stderr.includes(`${path}: server.port: expected a number, written without quotes; found "eighty"`),
      r.stderr,
    );
  });

  test('finds what serve would fail on: unreadable certificate and CA files, unknown relay modules, the root mount', async () => {
    const path = tempFile(
      'graphsoc.toml',
      `[[tenants]]
name = "contoso"
tenantId = "t"
clientId = "c"
certificatePath = "/nonexistent/contoso.pem"
certificateThumbprint = "${'A'.repeat(40)}"
[archer]
caFile = "/nonexistent/archer-ca.pem"
[relay]
enabled = true
mount = "root"
modules = ["graph-security", "graph-securty"]
`,
    );
    const r = await graphsoc(['config', 'check', '-c', path]);
    assert.equal(r.exitCode, 2);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines[0], 'GSOC_CONFIG_INVALID: invalid configuration:');
    assert.deepEqual(lines.slice(1).sort(), [
      `  ${path}: archer.caFile: expected a readable PEM file holding a CA certificate; found cannot read CA file /nonexistent/archer-ca.pem (ENOENT)`,
      `  ${path}: relay.modules[1]: expected a relay module (graph-security); found "graph-securty"`,
      `  ${path}: relay.mount: expected "prefixed" when relay.modules names 2 modules: "root" serves exactly one; found "root"`,
      `  ${path}: tenants[0].certificatePath: expected a PEM file with an unencrypted private key (and the certificate of certificateThumbprint); found cannot read certificate file /nonexistent/contoso.pem (ENOENT)`,
    ]);
  });

  test('a variable for a secret wins over the secret file the configuration names', async () => {
    const secretFile = tempFile('archer-password', 'from-the-file\n');
    const path = tempFile('graphsoc.toml', `[archer]\npasswordFile = "${secretFile}"\n`);
    const r = await graphsoc(['config', 'check', '-c', path], {
      env: { GRAPHSOC_ARCHER_PASSWORD: 'from-env' },
    });
    assert.equal(r.exitCode, 0, r.stderr);
    // The file is not read at all: a file that is gone does not matter either.
    const gone = tempFile('graphsoc.toml', '[archer]\npasswordFile = "/nonexistent/archer-password"\n');
    const r2 = await graphsoc(['config', 'check', '-c', gone], {
      env: { GRAPHSOC_ARCHER_PASSWORD: 'from-env' },
    });
    assert.equal(r2.exitCode, 0, r2.stderr);
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
