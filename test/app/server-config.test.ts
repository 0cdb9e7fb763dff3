import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadAppConfig } from '../../src/app/config.js';
import { ConfigError } from '../../src/platform/config/index.js';
import { tempFile } from '../helpers/tmp.js';

function load(toml: string, env: NodeJS.ProcessEnv = {}) {
  return loadAppConfig({ path: tempFile('graphsoc.toml', toml), env }).config.server;
}

function problems(toml: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    load(toml, env);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${String(e)}`);
    return e.problems.map((p) => `${p.key}: expected ${p.expected}; found ${p.found}`).join('\n');
  }
  assert.fail('expected the configuration to be rejected');
}

describe('[server]: the public and the admin listener', () => {
  test('the admin listener is on loopback, on the port after the public one, by default', () => {
    const s = load('');
    assert.equal(s.port, 8080);
    assert.deepEqual(s.admin, { host: '127.0.0.1', port: 8081 });
    assert.equal(s.trustProxy, false);
  });

  test('GRAPHSOC_PORT moves both; port 0 lets both pick a free port', () => {
    assert.deepEqual(load('', { GRAPHSOC_PORT: '9000' }).admin, { host: '127.0.0.1', port: 9001 });
    const zero = load('', { GRAPHSOC_PORT: '0' });
    assert.equal(zero.port, 0);
    assert.equal(zero.admin.port, 0);
  });

  test('server.admin.host and server.admin.port are set in the file or the environment', () => {
    assert.deepEqual(load('[server.admin]\nhost = "10.1.2.3"\nport = 9100\n').admin, {
      host: '10.1.2.3',
      port: 9100,
    });
    assert.equal(load('', { GRAPHSOC_SERVER_ADMIN_PORT: '0', GRAPHSOC_PORT: '8443' }).admin.port, 0);
  });

  test('the admin listener cannot share the public port, nor take the port after 65535', () => {
    assert.match(problems('[server]\nport = 9000\n[server.admin]\nport = 9000\n'), /server\.admin\.port/);
    assert.match(problems('[server]\nport = 65535\n'), /server\.admin\.port/);
  });

  test('server.trustProxy takes true/false or a list of proxy addresses, from the file or the environment', () => {
    assert.equal(load('[server]\ntrustProxy = true\n').trustProxy, true);
    assert.equal(load('', { GRAPHSOC_SERVER_TRUST_PROXY: 'true' }).trustProxy, true);
    assert.equal(load('', { GRAPHSOC_SERVER_TRUST_PROXY: 'false' }).trustProxy, false);
    assert.deepEqual(load('[server]\ntrustProxy = ["10.0.0.0/8", "::1", "loopback"]\n').trustProxy, [
      '10.0.0.0/8',
      '::1',
      'loopback',
    ]);
    assert.deepEqual(load('', { GRAPHSOC_SERVER_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16' }).trustProxy, [
      '10.0.0.1',
      '192.168.0.0/16',
    ]);
    assert.match(problems('[server]\ntrustProxy = ["proxy.example"]\n'), /server\.trustProxy/);
  });
});
