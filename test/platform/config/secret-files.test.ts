// `<secret>File` keys against the environment: a variable wins over the file for either spelling of
// a secret, as it does for every other key. Tried for every secret key the schema has.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CONFIG, loadAppConfig } from '../../../src/app/config.js';
import { ConfigError } from '../../../src/platform/config/index.js';
import { toEnvSegment } from '../../../src/platform/config/schema-walk.js';
import { tempFile } from '../../helpers/tmp.js';

const TENANT = '[[tenants]]\nname = "contoso"\ntenantId = "t"\nclientId = "c"\n';

/** Secrets by path; `*` is the first `[[tenants]]` entry. A value every secret key accepts. */
const SECRETS = CONFIG.secretPaths.map((path) => {
  const key = path[path.length - 1] as string;
  const parent = path.slice(0, -1);
  const inTenant = parent[0] === 'tenants';
  return {
    name: path.join('.'),
    key,
    /** A TOML file setting the secret (or its File form) to `line`. */
    toml: (line: string) => (inTenant ? `${TENANT}${line}\n` : `[${parent.join('.')}]\n${line}\n`),
    env: `GRAPHSOC_${path.map((p) => (p === '*' ? '0' : toEnvSegment(p))).join('_')}`,
    read: (config: unknown) =>
      path.reduce<unknown>(
        (node, p) => (node as Record<string, unknown>)?.[p === '*' ? 0 : p],
        config,
      ) as string,
  };
});

const value = (where: string) => `sqlite:./${where}-secret-value-0123456789.db`;

describe('secrets and their *File keys', () => {
  test('the schema has the secret keys of the platform and every feature', () => {
    assert.deepEqual(SECRETS.map((s) => s.name).sort(), [
      'archer.password',
      'database.url',
      'relay.hs256Secret',
      'taxii.password',
      'taxii.token',
      'tenants.*.clientSecret',
      'trustar.apiSecret',
    ]);
  });

  for (const s of SECRETS) {
    test(`${s.env} wins over ${s.key}File in the file`, () => {
      const file = tempFile('secret', `${value('file')}\n`);
      const { config } = loadAppConfig({
        path: tempFile('g.toml', s.toml(`${s.key}File = "${file}"`)),
        env: { [s.env]: value('env') },
      });
      assert.equal(s.read(config), value('env'));
    });

    test(`${s.env}_FILE wins over ${s.key} in the file`, () => {
      const file = tempFile('secret', `${value('env-file')}\n`);
      const { config, secrets } = loadAppConfig({
        path: tempFile('g.toml', s.toml(`${s.key} = "${value('file')}"`)),
        env: { [`${s.env}_FILE`]: file },
      });
      assert.equal(s.read(config), value('env-file'));
      if (s.key !== 'url') assert.deepEqual(secrets, [value('env-file')]);
    });
  }

  test('the same secret given both ways in one place is refused, naming both and showing neither', () => {
    const s = SECRETS.find((x) => x.name === 'archer.password');
    assert.ok(s);
    const file = tempFile('secret', 'from-the-file-secret');
    const path = tempFile('g.toml', s.toml(`password = "in-the-toml-secret"\npasswordFile = "${file}"`));
    assert.throws(
      () => loadAppConfig({ path, env: {} }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.deepEqual(
          e.problems.map((p) => [p.source, p.key, p.expected, p.found]),
          [
            [
              path,
              'archer.passwordFile',
              'password or passwordFile, not both',
              `both (password from ${path})`,
            ],
          ],
        );
        assert.ok(!/from-the-file-secret|in-the-toml-secret/.test(e.message));
        return true;
      },
    );
    const both = () =>
      loadAppConfig({
        path: tempFile('g.toml', ''),
        env: { GRAPHSOC_ARCHER_PASSWORD: 'env-secret-value', GRAPHSOC_ARCHER_PASSWORD_FILE: file },
      });
    assert.throws(both, (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.problems[0]?.source, 'env GRAPHSOC_ARCHER_PASSWORD_FILE');
      assert.match(e.message, /not both; found both \(password from env GRAPHSOC_ARCHER_PASSWORD\)/);
      return true;
    });
  });

  test('every unreadable secret file is listed, not only the first', () => {
    const path = tempFile(
      'g.toml',
      `${TENANT}clientSecretFile = "/nonexistent/a"\n[archer]\npasswordFile = "/nonexistent/b"\n`,
    );
    assert.throws(
      () => loadAppConfig({ path, env: {} }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.equal(e.code, 'GSOC_CONFIG_SECRET_FILE_UNREADABLE');
        assert.deepEqual(
          e.problems.map((p) => `${p.key}: ${p.found}`),
          [
            'tenants[0].clientSecretFile: /nonexistent/a (ENOENT)',
            'archer.passwordFile: /nonexistent/b (ENOENT)',
          ],
        );
        return true;
      },
    );
  });
});
