// `graphsoc relay token` in a child process: the command prints the token and secret on the process's
// own stdout and stderr. Its usage errors name the flag; its tokens work against a running sandbox.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { graphsocProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
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
const nestedKeyDir = join(tempDir(), 'not', 'there', 'yet');
const rs256NewDir = relayToken([
  '--audience',
  'https://relay.example',
  '--new-key-dir',
  nestedKeyDir,
  '--jwks-host',
  'jwks.example.org:8443',
  ...CLAIMS,
]);
const badJwksHost = relayToken([
  '--audience',
  'https://relay.example',
  '--new-key-dir',
  join(tempDir(), 'unused'),
  '--jwks-host',
  'https://jwks.example.org/.well-known/jwks',
  ...CLAIMS,
]);
const badAudience = relayToken([
  '--audience',
  'relay.example/relay/graph-security',
  '--new-secret',
  ...CLAIMS,
]);
const noSecret = relayToken(['--audience', 'https://relay.example', ...CLAIMS]);

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

test('--new-key-dir creates the directory, parents included, for its owner only', async () => {
  const r = await rs256NewDir;
  assert.equal(r.exitCode, 0, r.stderr);
  assert.ok(existsSync(join(nestedKeyDir, 'relay-key.pem')));
  const jwks = JSON.parse(readFileSync(join(nestedKeyDir, 'jwks.json'), 'utf8'));
  const { payload } = await jwtVerify(r.stdout.trim(), createLocalJWKSet(jwks), {
    audience: 'https://relay.example',
  });
  assert.equal(payload.jwks_host, 'jwks.example.org:8443');
  assert.equal(statSync(nestedKeyDir).mode & 0o777, 0o700);
  assert.equal(statSync(join(nestedKeyDir, 'relay-key.pem')).mode & 0o777, 0o600);
});

test('a --jwks-host with a scheme or path is a usage error naming the flag, before any key is made', async () => {
  const r = await badJwksHost;
  assert.equal(r.exitCode, 2);
  assert.match(
    r.stderr,
    /option '--jwks-host <host>' argument 'https:\/\/jwks\.example\.org\/\.well-known\/jwks' is invalid/,
  );
  assert.match(r.stderr, /host name with an optional port/);
  assert.equal(r.stdout, '');
});

test('an --audience that is no http(s) URL is a usage error naming the flag', async () => {
  const r = await badAudience;
  assert.equal(r.exitCode, 2);
  assert.match(
    r.stderr,
    /option '--audience <url>' argument 'relay\.example\/relay\/graph-security' is invalid/,
  );
  assert.doesNotMatch(r.stderr, /new secret/, 'nothing was made');
});

test('HS256 without a configured secret says relay.hs256Secret is missing and how to set it', async () => {
  const r = await noSecret;
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /relay\.hs256Secret is missing from the configuration/);
  assert.match(r.stderr, /GRAPHSOC_RELAY_HS256_SECRET/);
  assert.match(r.stderr, /hs256SecretFile/);
  assert.match(r.stderr, /--new-secret/);
  assert.match(r.stderr, /RS256/);
  assert.equal(r.stdout, '');
});

test('a token from relay token is accepted by a running sandbox given the same secret', async () => {
  const secret = 'sandbox-hs256-secret-0123456789';
  const sandbox = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, 'sandbox', '--port', '0', '--data-dir', tempDir()],
    {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GRAPHSOC_LOG_LEVEL: 'warn',
        GRAPHSOC_RELAY_HS256_SECRET: secret,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  sandbox.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  sandbox.stderr.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  const exited = new Promise<number | null>((r) => sandbox.on('exit', (code) => r(code)));
  try {
    const banner = await waitFor('the sandbox banner', () => (/Press Ctrl-C/.test(out) ? out : undefined), {
      timeoutMs: 60_000,
    });
    const relayUrl = /Threat Response relay \(Graph Security module\): (http\S+?)\/?\n/.exec(banner)?.[1];
    const printed = /authorization: Bearer (\S+?)'/.exec(banner)?.[1];
    const observable = /observe\/observables[\s\S]*?-d '(\[[^']*\])'/.exec(banner)?.[1];
    assert.ok(relayUrl && printed && observable, banner);
    // The module's settings are the claims of the token the sandbox printed (signed by its JWKS host).
    const claims = decodeJwt(printed);
    const made = await graphsocProcess(
      [
        'relay',
        'token',
        '--audience',
        relayUrl,
        ...['tenant_id', 'application_id', 'client_secret'].flatMap((k) => ['--claim', `${k}=${claims[k]}`]),
      ],
      { env: { GRAPHSOC_RELAY_HS256_SECRET: secret } },
    );
    assert.equal(made.exitCode, 0, made.stderr);
    const token = made.stdout.trim();
    const ask = (path: string, body: string) =>
      fetch(`${relayUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
    const health = await ask('/health', '{}');
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { data: { status: 'ok' } });
    const observed = await ask('/observe/observables', observable);
    assert.equal(observed.status, 200);
    const answer = (await observed.json()) as { data?: { sightings?: { count: number } }; errors?: unknown };
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    assert.ok((answer.data?.sightings?.count ?? 0) > 0, 'the sample observable has sightings');
    sandbox.kill('SIGINT');
    assert.equal(await exited, 0, out);
  } finally {
    if (sandbox.exitCode === null) sandbox.kill('SIGKILL');
  }
});
