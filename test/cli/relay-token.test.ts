// `graphsoc relay token` in a child process: the command prints the token and secret on the process's
// own stdout and stderr.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { graphsocProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const CLAIMS = ['--claim', 'tenant_id=t-1', '--claim', 'application_id=a-1', '--claim', 'client_secret=s-1'];
const relayToken = (args: string[]) => graphsocProcess(['relay', 'token', ...args]);

// Started together, so their start-ups overlap.
const keyDir = tempDir();
const hs256 = relayToken([
  '--audience',
  'https://relay.example/',
  '--new-secret',
  '--expires-in',
  '30d',
  ...CLAIMS,
]);
const rs256 = relayToken([
  '--audience',
  'https://relay.example',
  '--new-key-dir',
  keyDir,
  '--jwks-host',
  'jwks.example.org',
  ...CLAIMS,
]);
const missing = relayToken(['--audience', 'https://relay.example', '--new-secret', '--claim', 'tenant_id=t']);

test('HS256: a new secret signs a token the relay accepts with that secret', async () => {
  const r = await hs256;
  assert.equal(r.exitCode, 0, r.stderr);
  const secret = /new secret .*: (\S+)/.exec(r.stderr)?.[1] ?? '';
  const { payload, protectedHeader } = await jwtVerify(r.stdout.trim(), new TextEncoder().encode(secret), {
    audience: 'https://relay.example',
  });
  assert.equal(protectedHeader.alg, 'HS256');
  assert.equal(payload.tenant_id, 't-1');
  assert.ok((payload.exp ?? 0) - (payload.iat ?? 0) === 30 * 86_400);
});

test('RS256: a new key pair and JWKS; the token verifies against the published JWKS', async () => {
  const r = await rs256;
  assert.equal(r.exitCode, 0, r.stderr);
  const jwks = JSON.parse(readFileSync(`${keyDir}/jwks.json`, 'utf8'));
  const { payload, protectedHeader } = await jwtVerify(r.stdout.trim(), createLocalJWKSet(jwks), {
    audience: 'https://relay.example',
  });
  assert.equal(protectedHeader.alg, 'RS256');
  assert.equal(payload.jwks_host, 'jwks.example.org');
});

test('refuses settings the module cannot use, naming the missing claims', async () => {
  const r = await missing;
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /needs these claims: application_id, client_secret/);
});
