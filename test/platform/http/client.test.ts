import assert from 'node:assert/strict';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { createCertificateAuthority, issueServerCertificate } from '../../../emulators/shared/tls.js';
import { registry } from '../../../src/platform/metrics.js';
import {
  createHttpClient,
  HttpStatusError,
  HttpTransportError,
  type HttpResponse,
  type RemoteErrorInfo,
} from '../../../src/platform/http/index.js';
import { json, RecordingClock, startServer, type TestServer } from './helpers.js';

// The shape a connector would pass: its API's documented error body, parsed with zod.
const apiError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
function errorParser(res: HttpResponse): RemoteErrorInfo | undefined {
  const r = apiError.safeParse(JSON.parse(res.body.toString('utf8')));
  return r.success ? { code: r.data.error.code, message: r.data.error.message } : undefined;
}

describe('http client', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startServer();
  });
  after(() => srv.close());

  test('an error keeps the remote status, code, message, request id and host', async () => {
    srv.handle((_q, r) =>
      json(
        r,
        404,
        { error: { code: 'Request_ResourceNotFound', message: 'No such user' } },
        { 'request-id': 'rid-42' },
      ),
    );
    const client = createHttpClient({ service: 'test', baseUrl: srv.url, errorParser });
    await assert.rejects(client.request({ url: '/users/nobody?secret=abc' }), (e: unknown) => {
      assert.ok(e instanceof HttpStatusError);
      assert.equal(e.code, 'GSOC_HTTP_REQUEST_REJECTED');
      assert.equal(e.status, 404);
      assert.equal(e.remoteCode, 'Request_ResourceNotFound');
      assert.equal(e.remoteMessage, 'No such user');
      assert.equal(e.requestId, 'rid-42');
      assert.equal(e.host, srv.host);
      assert.match(e.message, /404 Request_ResourceNotFound: No such user \(request-id rid-42\)/);
      assert.doesNotMatch(e.message, /secret=abc/);
      return true;
    });
  });

  test('acceptStatus hands a status back instead of throwing', async () => {
    srv.handle((_q, r) => json(r, 404, {}));
    const client = createHttpClient({ service: 'test', baseUrl: srv.url });
    assert.equal((await client.request({ url: '/maybe', acceptStatus: [404] })).status, 404);
  });

  test('an unreachable host fails after the retries, naming the host and the cause', async () => {
    const closed = await startServer();
    const host = closed.host;
    await closed.close();
    const clock = new RecordingClock();
    const client = createHttpClient({
      service: 'test',
      baseUrl: `http://${host}`,
      clock,
      retry: { maxRetries: 2 },
    });
    await assert.rejects(client.request({ url: '/x' }), (e: unknown) => {
      assert.ok(e instanceof HttpTransportError);
      assert.equal(e.code, 'GSOC_HTTP_UNREACHABLE');
      assert.ok(e.message.includes(host), e.message);
      assert.match(e.message, /ECONNREFUSED/);
      assert.match(e.message, /after 3 attempts/);
      assert.ok(e.cause instanceof Error);
      return true;
    });
    assert.equal(clock.sleeps.length, 2);
  });

  test('a slow answer times out with GSOC_HTTP_TIMEOUT and is retried', async () => {
    srv.seen.length = 0;
    srv.handle(() => {
      // never answers
    });
    const client = createHttpClient({
      service: 'test',
      baseUrl: srv.url,
      clock: new RecordingClock(),
      retry: { maxRetries: 1 },
      timeout: { attemptTimeoutMs: 50 },
    });
    await assert.rejects(client.request({ url: '/slow' }), { code: 'GSOC_HTTP_TIMEOUT' });
    assert.equal(srv.seen.length, 2);
    await client.close();
  });

  test('the caller can cancel an operation', async () => {
    srv.handle(() => {});
    const ctrl = new AbortController();
    const client = createHttpClient({ service: 'test', baseUrl: srv.url });
    const p = client.request({ url: '/hang', signal: ctrl.signal });
    setImmediate(() => ctrl.abort());
    await assert.rejects(p, { code: 'GSOC_HTTP_ABORTED' });
    await client.close();
  });

  test('a body past the client limit fails; a caller may keep its first bytes instead', async () => {
    const big = Buffer.alloc(300_000, 0x61);
    srv.handle((_q, r) => {
      r.writeHead(200, { 'content-type': 'application/octet-stream' });
      // In pieces, as a large answer arrives.
      for (let i = 0; i < big.length; i += 16_384) r.write(big.subarray(i, i + 16_384));
      r.end();
    });
    const client = createHttpClient({ service: 'test', baseUrl: srv.url, maxBodyBytes: 100_000 });
    await assert.rejects(client.request({ url: '/mail' }), (e: unknown) => {
      assert.ok(e instanceof HttpTransportError);
      assert.match(e.message, /larger than 100000 bytes/);
      return true;
    });
    const cut = await client.request({ url: '/mail', truncateBodyAt: 20_001 });
    assert.deepEqual(
      { bytes: cut.body.length, truncated: cut.truncated },
      { bytes: 20_001, truncated: true },
    );
    const beyond = await client.request({ url: '/mail', truncateBodyAt: 250_000 });
    assert.equal(beyond.body.length, 250_000, "the caller's cut replaces the client's limit");
    const whole = await client.request({ url: '/mail', truncateBodyAt: 400_000 });
    assert.deepEqual(
      { bytes: whole.body.length, truncated: whole.truncated },
      { bytes: 300_000, truncated: undefined },
    );
    const again = await client.request({ url: '/mail', truncateBodyAt: 10 });
    assert.equal(again.body.toString(), 'aaaaaaaaaa', 'the connection is still usable after a cut');
  });

  test('counts attempts, retries and throttles in the shared metrics', async () => {
    srv.handle((_q, r, _b, n) => (n % 2 === 1 ? json(r, 429, {}, { 'retry-after': '1' }) : json(r, 200, {})));
    srv.seen.length = 0;
    const client = createHttpClient({
      service: 'metrics-test',
      baseUrl: srv.url,
      clock: new RecordingClock(),
    });
    await client.request({ url: '/m' });
    const text = await registry.metrics();
    const line = (name: string, extra: string) =>
      text
        .split('\n')
        .find((l) => l.startsWith(name) && l.includes('service="metrics-test"') && l.includes(extra));
    assert.match(line('graphsoc_outside_calls_total', 'outcome="429"') ?? '', / 1$/);
    assert.match(line('graphsoc_outside_calls_total', 'outcome="200"') ?? '', / 1$/);
    assert.match(line('graphsoc_outside_retries_total', 'reason="status_429"') ?? '', / 1$/);
    assert.match(line('graphsoc_outside_throttled_total', '') ?? '', / 1$/);
  });

  test('trusts a configured CA for this client only', async () => {
    const ca = createCertificateAuthority('http-test CA');
    const tls = issueServerCertificate(ca);
    const server = createHttpsServer({ key: tls.keyPem, cert: tls.certPem }, (_q, r) =>
      json(r, 200, { ok: true }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `https://localhost:${(server.address() as AddressInfo).port}`;
    try {
      const trusting = createHttpClient({ service: 'test', baseUrl: url, agent: { caPem: ca.certPem } });
      assert.equal((await trusting.request({ url: '/' })).status, 200);
      const plain = createHttpClient({ service: 'test', baseUrl: url });
      await assert.rejects(plain.request({ url: '/' }), { code: 'GSOC_HTTP_TLS_FAILED' });
      await trusting.close();
      await plain.close();
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
