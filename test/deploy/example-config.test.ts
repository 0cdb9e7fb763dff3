// The deployment files stay in step with the configuration schema: deploy/graphsoc.toml loads with the
// secrets the systemd unit's environment file gives, and with the variables and secret files the
// compose file gives, without a problem or a variable that matches no key.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadAppConfig } from '../../src/app/config.js';
import { tempFile } from '../helpers/tmp.js';

const deploy = (name: string) => new URL(`../../deploy/${name}`, import.meta.url);
const EXAMPLE = deploy('graphsoc.toml').pathname;

/** KEY=VALUE lines, as systemd's EnvironmentFile reads them (comments and blank lines skipped). */
function environmentFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m?.[1] && m[2] !== undefined) out[m[1]] = m[2];
  }
  return out;
}

test('deploy/graphsoc.toml loads with the secrets of deploy/graphsoc.env.example', () => {
  const env = environmentFile(readFileSync(deploy('graphsoc.env.example'), 'utf8'));
  assert.ok(Object.keys(env).length >= 2, 'the example sets the secrets');
  const { config, warnings } = loadAppConfig({ path: EXAMPLE, env });
  assert.deepEqual(warnings, []);
  assert.equal(config.phishing.enabled, true);
  assert.equal(config.relay.enabled, true);
  assert.equal(config.archer.password, env.GRAPHSOC_ARCHER_PASSWORD);
  assert.equal(config.server.admin.host, '127.0.0.1', 'the operator listener stays on loopback');
  assert.equal(config.phishing.retention.keepDays, 180);
});

test('deploy/compose.yaml sets only real keys, and its secret files complete deploy/graphsoc.toml', () => {
  const compose = readFileSync(deploy('compose.yaml'), 'utf8');
  const vars = [...compose.matchAll(/^\s+(GRAPHSOC_[A-Z0-9_]+): (\S+)$/gm)].map((m) => ({
    name: m[1] as string,
    value: m[2] as string,
  }));
  assert.ok(vars.length >= 5, `found ${vars.length} GRAPHSOC_ variables`);
  const secrets = new Set([...compose.matchAll(/^ {2}([a-z0-9-]+):\n {4}file: /gm)].map((m) => m[1]));
  const env: Record<string, string> = {};
  for (const { name, value } of vars) {
    const secret = /^\/run\/secrets\/([a-z0-9-]+)$/.exec(value)?.[1];
    if (!secret) {
      env[name] = value;
      continue;
    }
    assert.ok(secrets.has(secret), `${name} names ${value}, which no secret of the file provides`);
    // The file a container would see there, with a value of the right shape.
    const content =
      secret === 'database-url' ? 'postgres://graphsoc:pw@postgres:5432/graphsoc' : `${secret}-value\n`;
    env[name] = tempFile(secret, content);
  }
  const { config, warnings } = loadAppConfig({ path: EXAMPLE, env });
  assert.deepEqual(warnings, []);
  assert.equal(config.server.host, '0.0.0.0');
  assert.equal(config.server.admin.host, '0.0.0.0');
  assert.equal(config.database.url, 'postgres://graphsoc:pw@postgres:5432/graphsoc');
  assert.equal(config.archer.password, 'archer-password-value');
  assert.equal(config.tenants[0]?.clientSecret, 'contoso-client-secret-value');
  // Published on the host's loopback only.
  for (const m of compose.matchAll(/^\s+- "([^"]*:8081)"$/gm)) assert.match(m[1] as string, /^127\.0\.0\.1:/);
});
