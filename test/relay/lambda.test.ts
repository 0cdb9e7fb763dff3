// Builds the Lambda bundle and feeds it synthetic API Gateway events (HTTP API v2 and REST v1). The
// token is signed by the JWKS host emulator and verified by the bundle over HTTPS.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type JwksHostEmulator, startJwksHostEmulator } from '../../emulators/securex-jwks/index.js';
import { createCertificateAuthority } from '../../emulators/shared/tls.js';
import { tempDir } from '../helpers/tmp.js';
import { CLAIMS } from './helpers.js';

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
const PUBLIC_URL = 'https://abc123.execute-api.eu-west-1.amazonaws.com';

function v2Event(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '22/Nov/2026:10:00:00 +0000',
      timeEpoch: 1795000000000,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    isBase64Encoded: false,
  };
}

describe('AWS Lambda bundle', () => {
  let handler: Handler;
  let jwks: JwksHostEmulator;

  before(async () => {
    const dir = tempDir();
    const built = spawnSync(process.execPath, ['scripts/build-lambda.mjs', dir], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(built.status, 0, built.stderr);
    const ca = createCertificateAuthority('lambda test CA');
    jwks = await startJwksHostEmulator({ ca });
    writeFileSync(join(dir, 'ca.pem'), ca.certPem);
    writeFileSync(
      join(dir, 'graphsoc.toml'),
      `[log]\nlevel = "silent"\n[server]\npublicUrl = "${PUBLIC_URL}"\n[relay]\njwksHosts = ["${jwks.jwksHost}"]\ncaFile = "${join(dir, 'ca.pem')}"\n`,
    );
    process.env.GRAPHSOC_CONFIG = join(dir, 'graphsoc.toml');
    ({ handler } = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as { handler: Handler });
  });
  after(() => jwks.close());

  test('answers /version from an HTTP API (v2) event', async () => {
    const res = await handler(v2Event('POST', '/relay/graph-security/version', {}), {});
    assert.equal(res.statusCode, 200);
    assert.deepEqual(JSON.parse(res.body), { version: '0.1.0' });
  });

  test('verifies a configuration token through the JWKS host and answers observe', async () => {
    const token = await jwks.sign({ audience: `${PUBLIC_URL}/relay/graph-security`, claims: CLAIMS });
    const res = await handler(
      v2Event('POST', '/relay/graph-security/observe/observables', { authorization: `Bearer ${token}` }, [
        { type: 'mutex', value: 'm' },
      ]),
      {},
    );
    assert.equal(res.statusCode, 200);
    const body = JSON.parse(res.body) as { errors: Array<{ code: string; type: string }> };
    assert.deepEqual(
      body.errors.map((e) => [e.code, e.type]),
      [['unsupported type', 'warning']],
    );
    assert.equal(jwks.requests().filter((r) => r.path === '/.well-known/jwks').length, 1);
  });

  test('refuses a token for another audience', async () => {
    const token = await jwks.sign({ audience: 'https://elsewhere.example', claims: CLAIMS });
    const res = await handler(
      v2Event('POST', '/relay/graph-security/health', { authorization: `Bearer ${token}` }, {}),
      {},
    );
    assert.match(JSON.parse(res.body).errors[0].message, /Wrong configuration-token-audience/);
  });

  test('answers a REST API (v1) event for /watchdog', async () => {
    const res = await handler(
      {
        httpMethod: 'GET',
        path: '/relay/graph-security/watchdog',
        headers: { 'Health-Check': 'lambda-ok' },
        requestContext: { stage: 'prod', requestId: 'r', identity: { sourceIp: '198.51.100.7' } },
        body: null,
        isBase64Encoded: false,
      },
      {},
    );
    assert.equal(res.statusCode, 200);
    assert.deepEqual(JSON.parse(res.body), { data: 'lambda-ok' });
  });
});
