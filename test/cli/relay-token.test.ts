import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { tempDir } from '../helpers/tmp.js';

const CLAIMS = ['--claim', 'tenant_id=t-1', '--claim', 'application_id=a-1', '--claim', 'client_secret=s-1'];

function relayToken(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'relay', 'token', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
}

test('HS256: a new secret signs a token the relay accepts with that secret', async () => {
  const r = relayToken([
    '--audience',
    'https://relay.example/',
    '--new-secret',
    '--expires-in',
    '30d',
    ...CLAIMS,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const secret = /new secret .*: (\S+)/.exec(r.stderr)?.[1] ?? '';
  const { payload, protectedHeader } = await jwtVerify(r.stdout, new TextEncoder().encode(secret), {
    audience: 'https://relay.example',
  });
  assert.equal(protectedHeader.alg, 'HS256');
  assert.equal(payload.tenant_id, 't-1');
  assert.ok((payload.exp ?? 0) - (payload.iat ?? 0) === 30 * 86_400);
});

test('RS256: a new key pair and JWKS; the token verifies against the published JWKS', async () => {
  const dir = tempDir();
  const r = relayToken([
    '--audience',
    'https://relay.example',
    '--new-key-dir',
    dir,
    '--jwks-host',
    'jwks.example.org',
    ...CLAIMS,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const jwks = JSON.parse(readFileSync(`${dir}/jwks.json`, 'utf8'));
  const { payload, protectedHeader } = await jwtVerify(r.stdout, createLocalJWKSet(jwks), {
    audience: 'https://relay.example',
  });
  assert.equal(protectedHeader.alg, 'RS256');
  assert.equal(payload.jwks_host, 'jwks.example.org');
});

test('refuses settings the module cannot use, naming the missing claims', () => {
  const r = relayToken(['--audience', 'https://relay.example', '--new-secret', '--claim', 'tenant_id=t']);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /needs these claims: application_id, client_secret/);
});
